"""What the import tells the report about a text it converted: every
note is (FIXED or REVIEW, French message), what the import changed on
its own, and what a person must look at (the report's two lists)."""

FIXED = "corrigé automatiquement"
REVIEW = "à revoir"
