// Placeholder until the module lands.
enum SystemSupportModulePlaceholder {}
