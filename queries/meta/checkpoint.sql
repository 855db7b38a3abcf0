-- purpose: write everything to the database file so the version is complete without a WAL
-- grain: none (statement)
-- params: none
checkpoint
