-- purpose: the DPD buckets and end states of roll_month in display order, for dense roll-rate
--   matrices (every to-bucket for each from-bucket)
-- grain: one row per bucket (bucket, bucket_order from 1)
-- params: none (a table macro without arguments)
create or replace macro roll_buckets() as table
select *
from (
    values
        ('current', 1),
        ('1_30', 2),
        ('31_60', 3),
        ('61_90', 4),
        ('90_plus', 5),
        ('paid_off', 6),
        ('charged_off', 7),
        ('compensated', 8)
) as buckets (bucket, bucket_order)
