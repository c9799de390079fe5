"""Numbers of key figures the Swedish way: counts without decimals, rates with one."""

from core.formatting import sv_number


def decimals_for(figure) -> int:
    return 0 if figure is not None and figure.unit == "antal" else 1


def fmt_value(value, figure=None) -> str:
    if value is None:
        return "–"
    return sv_number(value, decimals_for(figure))


def fmt_change(value, figure=None) -> str:
    if value is None:
        return "–"
    text = sv_number(value, decimals_for(figure))
    return text if text.startswith("-") else f"+{text}"
