"""Tables as pandas DataFrames: the one place hairsim imports pandas.

pandas is optional (DESIGN: numpy, matplotlib and scipy at import time, pandas only for
DataFrames), so it is imported here, when a DataFrame is asked for, and nowhere else.
"""

from __future__ import annotations


def to_frame(data, *, columns=None, index=None, index_name=None):
    """A pandas DataFrame of ``data`` (rows as dicts or tuples, or a dict of columns).

    ``index``: a column name to index by, or the index values themselves (named ``index_name``).
    """
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is in every extra
        raise ModuleNotFoundError("It looks like pandas is not installed: hairsim needs it only for "
                                  "tables as DataFrames (pip install pandas).") from None
    frame = pd.DataFrame(data, columns=columns)
    if isinstance(index, str):
        return frame.set_index(index)
    if index is not None:
        frame.index = pd.Index(list(index), name=index_name)
    return frame
