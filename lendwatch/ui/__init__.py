"""The Streamlit layer: the app frame, the shared sidebar and the widgets pages are built of."""
