"""Claims: the model (``model``), the one-line claim language (``grammar``) and the YAML claims
files (``files``).

Every public name is re-exported here, so ``from factcheck.claims import X`` is the one import
the rest of factcheck uses.
"""

from factcheck.claims.files import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_ID_LENGTH,
    describe,
    discover,
    load,
    load_file,
    parse_max_age,
    read_yaml,
)
from factcheck.claims.grammar import (
    MAX_NUMBER_LENGTH,
    MAX_SYMBOL_LENGTH,
    ClaimSyntaxError,
    check_symbol,
    format_claim,
    parse_claim,
)
from factcheck.claims.model import (
    HEDGE_WORDS,
    LATEST,
    Article,
    Basis,
    Claim,
    ClaimsFile,
    ClaimSpec,
    Conversion,
    Figure,
    Hedge,
    Level,
    Limit,
    MarketCap,
    MaxAge,
    Money,
    Move,
    Period,
    Ranking,
    Record,
)

__all__ = [
    "HEDGE_WORDS",
    "LATEST",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_ID_LENGTH",
    "MAX_NUMBER_LENGTH",
    "MAX_SYMBOL_LENGTH",
    "Article",
    "Basis",
    "Claim",
    "ClaimSpec",
    "ClaimSyntaxError",
    "ClaimsFile",
    "Conversion",
    "Figure",
    "Hedge",
    "Level",
    "Limit",
    "MarketCap",
    "MaxAge",
    "Money",
    "Move",
    "Period",
    "Ranking",
    "Record",
    "check_symbol",
    "describe",
    "discover",
    "format_claim",
    "load",
    "load_file",
    "parse_claim",
    "parse_max_age",
    "read_yaml",
]
