"""LendWatch — the router: page config, shared sidebar (language, filters), navigation."""

import streamlit as st

from lendwatch.labels import t
from lendwatch.ui import shell

st.set_page_config(page_title="LendWatch", page_icon=":material/monitoring:", layout="wide")

shell.check_settings()
menu = st.sidebar.container()
lang = shell.language()
shell.ensure_store(lang)
pages = [
    st.Page(
        "pages/overview.py",
        title=t("nav.overview", lang),
        icon=":material/dashboard:",
        url_path="overview",
        default=True,
    ),
    st.Page(
        "pages/concentration.py",
        title=t("nav.concentration", lang),
        icon=":material/donut_large:",
        url_path="concentration",
    ),
    st.Page(
        "pages/asset_quality.py",
        title=t("nav.asset_quality", lang),
        icon=":material/monitor_heart:",
        url_path="asset_quality",
    ),
    st.Page(
        "pages/data.py", title=t("nav.data", lang), icon=":material/database:", url_path="data"
    ),
]
navigation = st.navigation(pages, position="hidden")
shell.build_context(lang, navigation.url_path)
shell.navigation_links(menu, pages, lang)
navigation.run()
