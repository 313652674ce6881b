// Placeholder until the module lands.
enum InboundModulePlaceholder {}
