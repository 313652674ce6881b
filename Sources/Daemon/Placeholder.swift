// Placeholder until the module lands.
enum DaemonModulePlaceholder {}
