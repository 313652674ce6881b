// Placeholder until the module lands.
enum AxisClientModulePlaceholder {}
