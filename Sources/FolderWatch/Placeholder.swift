// Placeholder until the module lands.
enum FolderWatchModulePlaceholder {}
