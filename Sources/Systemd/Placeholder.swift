// Placeholder until the module lands.
enum SystemdModulePlaceholder {}
