"""Charts: pure functions DataFrame → plotly Figure, styled by the one "lendwatch" template.

Importing any chart module registers the template, so `template="lendwatch"` always resolves.
"""

from lendwatch.charts import theme

theme.register()
