// Placeholder until the module lands.
enum EdXMLModulePlaceholder {}
