// Placeholder until the module lands.
enum OutboundModulePlaceholder {}
