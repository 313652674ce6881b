// Placeholder until the module lands.
enum SigningModulePlaceholder {}
