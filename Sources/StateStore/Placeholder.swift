// Placeholder until the module lands.
enum StateStoreModulePlaceholder {}
