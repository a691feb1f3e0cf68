"""The public model of folkepensionsalderen (JSON Schema export).

>>> __all__
['Folkepensionsalder']
"""

from __future__ import annotations

from socialcalc.folkepension.resultat import Folkepensionsalder

__all__ = ["Folkepensionsalder"]
