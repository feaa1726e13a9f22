"""Pure legal and format rules, no database: calendar arithmetic, agency powers, reminder stages, numbering patterns, text (control characters, codes), upload content checks."""
