"""National-scale data for benchmarks and load tests: `flask seed-scale --young-people N`.

England has about 100,000 children in care and care leavers in 152 councils, so the data is built as councils of
about 500 young people each, every council with the staff it would really have: social workers and personal
advisers (~1 per 17 young people), reviewing officers (~1 per 70), duty workers, a council admin, and advocates
(~1 per 60) from an advocacy service that several councils share. About 20% are care leavers and 80% have joined;
those who joined have about eight people who matter each, with their history and some requests to find someone.

It is written for speed, not through the ORM: ids are uuid4 values made in Python, rows are plain dicts inserted
with SQLAlchemy Core executemany in chunks, and one Argon2 hash is reused for every password. The same `--seed`
gives the same data. Production settings refuse it, as they refuse the demo council.

Adding a table is one more step: write `def _things(ctx: Context, council: CouncilData) -> None` that calls
`ctx.add(Thing.__table__, {...})` for each row, and append it to `council_steps()` in seeding.py.
"""

from app.seed.scale.core import (
    SCALE_PASSWORD,
    SLUG_PREFIX,
    STAFF_TOTP_SECRET,
    ScaleRefused,
    ScaleReport,
    ScaleSignIn,
)
from app.seed.scale.council import council_sizes
from app.seed.scale.seeding import council_steps, sample_sign_ins, seed

__all__ = [
    "SCALE_PASSWORD",
    "SLUG_PREFIX",
    "STAFF_TOTP_SECRET",
    "ScaleRefused",
    "ScaleReport",
    "ScaleSignIn",
    "council_sizes",
    "council_steps",
    "sample_sign_ins",
    "seed",
]
