// Placeholder until the module lands.
enum AxisProtocolModulePlaceholder {}
