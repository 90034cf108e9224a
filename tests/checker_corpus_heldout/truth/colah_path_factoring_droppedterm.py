import numpy as np
from _truth import run


def body(D, rng):
    al, be, ga, de, ep, ze = rng.normal(size=6)
    paths = al*de + al*ep + al*ze + be*de + be*ep + be*ze + ga*de + ga*ep + ga*ze
    D.step(r"$3 * 3 = 9$", 3 * 3, 9)
    # dZ/dX is the path sum by the note's own rule
    D.step(r"= \alpha\delta + \alpha\epsilon + \alpha\zeta", paths, paths)
    D.step(r"= (\alpha + \beta)(\delta + \epsilon + \zeta)$$", paths, (al + be) * (de + ep + ze), planted=True)
    D.step(r"= (\alpha + \beta)(\delta + \epsilon)$", al*de + al*ep + be*de + be*ep, (al + be) * (de + ep))


def check():
    run(__file__, body)
