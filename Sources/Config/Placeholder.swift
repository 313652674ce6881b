// Placeholder until the module lands.
enum ConfigModulePlaceholder {}
