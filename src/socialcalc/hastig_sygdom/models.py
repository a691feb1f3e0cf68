"""The public models of SEL § 117a (JSON Schema export): the account and its bookings.

>>> sorted(__all__)
['Booking', 'Budget']
"""

from __future__ import annotations

from socialcalc.hastig_sygdom.budget import Booking, Budget

__all__ = ["Booking", "Budget"]
