"""The annotation CSV (pandas, spreadsheets): ``writer`` exports, ``reader`` imports all or nothing."""
