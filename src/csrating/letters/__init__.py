"""Letters to Directors of Children's Services (DESIGN §6).

The wording layer (:mod:`csrating.letters.wording`) turns counts, shares, grades and
comparisons into the inspectorate's phrases; the letter builder and renderers sit on top.
"""
