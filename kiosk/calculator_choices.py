"""The calculator's choices: which fee rules a visitor of an applicant type may pick, and which is picked.

Kivy-free (tested without a window).
"""


def rule_options(rules, applicant):
    """The rules a visitor of this applicant type can choose from, in manifest order."""
    return [r for r in rules if r.get("applicant") in (applicant, "any")]


def chosen_rule(rules, applicant, code):
    """The rule with ``code`` among the applicant's options, else the first option (None: there is none)."""
    options = rule_options(rules, applicant)
    for rule in options:
        if rule.get("code") == code:
            return rule
    return options[0] if options else None
