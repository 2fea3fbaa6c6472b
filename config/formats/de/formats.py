# Dates as German readers of such sites expect them: "Mittwoch, 2. März 2016", "06.05.24".
DATE_FORMAT = "l, j. F Y"
SHORT_DATE_FORMAT = "d.m.y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "l, j. F Y, H:i"
MONTH_DAY_FORMAT = "j. F"
YEAR_MONTH_FORMAT = "F Y"
