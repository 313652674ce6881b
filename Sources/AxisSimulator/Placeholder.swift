// Placeholder until the module lands.
enum AxisSimulatorModulePlaceholder {}
