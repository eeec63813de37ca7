"""Reading exports into the store: mapping, readers, row conversion, quarantine."""
