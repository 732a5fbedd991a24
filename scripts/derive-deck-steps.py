"""
An independent reading of docs/law.md §1 in Python's exact fractions, written apart from src/law:
it derives every recorded step of each deck in decks/allocation and checks the steps written in
the deck's expected.steps (test/decks.test.ts then checks the engine against the same data).
Run: python3 scripts/derive-deck-steps.py
"""
import json, sys, glob
from fractions import Fraction as F
from math import floor

NAMED = {
 'kz-2023-majilis': dict(thresholdPercent=5, thresholdBase='valid', method='largest-remainder', quota='hare', runnerUpAdmission={'correction':0.7,'minimumSeats':2}, remainderTie='earlier-registration'),
 'kz-2023-maslikhat': dict(thresholdPercent=5, thresholdBase='valid', method='largest-remainder', quota='hare', runnerUpAdmission={'correction':0.7,'minimumSeats':2}, remainderTie='earlier-registration'),
 'kz-2009-majilis': dict(thresholdPercent=7, thresholdBase='valid', method='largest-remainder', quota='hare', runnerUpAdmission={'correction':0.7,'minimumSeats':2}, remainderTie='earlier-registration'),
 'kz-2007-majilis': dict(thresholdPercent=7, thresholdBase='valid', method='largest-remainder', quota='hare', runnerUpAdmission=False, remainderTie='earlier-registration'),
}
def fr(x): return f'{x.numerator}/{x.denominator}'
def dec(x): return F(str(x))

def steps_of(doc):
    rules = doc['rules']; rules = dict(NAMED[rules]) if isinstance(rules, str) else dict(rules)
    rules.setdefault('quota','hare'); rules.setdefault('remainderTie','earlier-registration')
    ru = rules.get('runnerUpAdmission', False)
    if ru is True: ru = {'correction':0.7,'minimumSeats':2}
    S = doc['seats']; parties = doc['parties']
    votes = {p['id']: p['votes'] for p in parties}
    size = {p['id']: p.get('listSize') for p in parties}
    withOrder = sorted([p for p in parties if 'registrationOrder' in p], key=lambda p: p['registrationOrder'])
    reg = [p['id'] for p in withOrder] + [p['id'] for p in parties if 'registrationOrder' not in p]
    regpos = {i: k for k, i in enumerate(reg)}
    aa = doc.get('againstAll', 0); inv = doc.get('invalid', 0); part = doc.get('participants')
    pv = sum(votes.values()); tb = rules['thresholdBase']
    base = {'valid': pv + aa, 'participants': part, 'ballots': pv + aa + inv, 'party-votes': pv}[tb]
    out = [dict(kind='base', thresholdBase=tb, partyVotes=pv, againstAll=aa, invalid=inv, participants=part, base=base)]
    t = dec(rules['thresholdPercent']) / 100
    admitted = []
    for p in parties:
        v = p['votes']; ok = v > 0 and F(v) >= t * base
        out.append(dict(kind='threshold', listId=p['id'], votes=v, share=None if base == 0 else fr(F(v, base)), threshold=fr(t), admitted=ok))
        if ok: admitted.append(p['id'])
    won = {p['id']: 0 for p in parties}; status = 'complete'
    if not admitted:
        out.append(dict(kind='no-list-admitted')); return out, 'no-list-admitted', won
    def finish():
        for p in parties:
            i = p['id']
            if size[i] is not None and won[i] > size[i]:
                out.append(dict(kind='vacancy', listId=i, won=won[i], listSize=size[i], vacant=won[i] - size[i]))
    if len(admitted) == 1 and ru:
        leader = admitted[0]
        others = [i for i in reg if i != leader and votes[i] > 0]
        if others:
            top = max(votes[i] for i in others)
            level = [i for i in others if votes[i] == top]
            if len(level) > 1: out.append(dict(kind='runner-up-tie', listIds=level, votes=top, admitted=level[0]))
            r = level[0]
            out.append(dict(kind='runner-up-admitted', listId=r, votes=top, leaderId=leader))
            Q = F(votes[leader] + top, S); c = dec(ru['correction']); q2 = c * top / Q
            cap = S // 2; s2 = min(cap, max(ru['minimumSeats'], floor(q2)))
            out.append(dict(kind='runner-up-seats', leaderId=leader, runnerUpId=r, quota=fr(Q), correction=fr(c), correctedQuotient=fr(q2), minimumSeats=ru['minimumSeats'], cap=cap, runnerUpSeats=s2, leaderSeats=S - s2))
            won[r] = s2; won[leader] = S - s2; finish(); return out, status, won
    adm = [p['id'] for p in parties if p['id'] in admitted]
    total = sum(votes[i] for i in adm)
    def settle(group, value, left, seat_step):
        """A group of equal values: all take a seat if they fit, else a tie."""
        nonlocal status
        group = sorted(group, key=lambda i: regpos[i])
        if len(group) <= left: return group
        if rules['remainderTie'] == 'earlier-registration':
            winners = group[:left]; how = 'earlier-registration'
        else:
            lots = doc.get('lotsOrder')
            if lots is not None and all(i in lots for i in group):
                winners = sorted(group, key=lots.index)[:left]; how = 'lots'
            else:
                out.append(dict(kind='tie', listIds=group, value=value, seatsAtStake=left, resolvedBy=None, winners=[]))
                status = 'lots-required'; return None
        out.append(dict(kind='tie', listIds=group, value=value, seatsAtStake=left, resolvedBy=how, winners=winners))
        return winners
    if rules['method'] == 'largest-remainder':
        Q = F(total, S) if rules['quota'] == 'hare' else F(total // (S + 1) + 1)
        out.append(dict(kind='quota', quota=rules['quota'], admittedVotes=total, seats=S, value=fr(Q)))
        rem = {}
        for i in adm:
            q = votes[i] / Q; f = floor(q); won[i] = f; rem[i] = q - f
            out.append(dict(kind='quotient', listId=i, votes=votes[i], quotient=fr(q), floorSeats=f, remainder=fr(q - f)))
        left = S - sum(won.values()); n = len(adm)
        if left >= n:
            r = left // n
            out.append(dict(kind='remainder-round', rounds=r, seatsEach=r))
            for i in adm: won[i] += r
            left -= r * n
        given = S - left; rank = 0
        key = lambda i: votes[i] / Q - won[i]
        values = sorted({key(i) for i in adm}, reverse=True)
        for v in values:
            if left == 0: break
            group = [i for i in adm if key(i) == v]
            w = settle(group, fr(v), left, None)
            if w is None: return out, status, won
            for i in w:
                rank += 1; given += 1; won[i] += 1; left -= 1
                out.append(dict(kind='remainder-seat', seatNumber=given, listId=i, remainder=fr(v), rank=rank))
    else:
        div = (lambda k: k + 1) if rules['method'] == 'dhondt' else (lambda k: 2 * k + 1)
        given = 0
        while given < S:
            qs = {i: F(votes[i], div(won[i])) for i in adm}
            top = max(qs.values()); group = [i for i in adm if qs[i] == top]
            w = settle(group, fr(top), S - given, None)
            if w is None: return out, status, won
            for i in w:
                given += 1
                out.append(dict(kind='divisor-seat', seatNumber=given, listId=i, votes=votes[i], divisor=div(won[i]), quotient=fr(top)))
                won[i] += 1
    finish()
    return out, status, won

def filled(doc, won):
    """Seats held: those won, less the vacancies of a list shorter than its seats (§1.9)."""
    size = {p['id']: p.get('listSize') for p in doc['parties']}
    return {i: (n if size[i] is None else min(n, size[i])) for i, n in won.items()}

if __name__ == '__main__':
    # Compares each deck's expected.steps with this reading; prints the first difference.
    import os
    decks = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'decks', 'allocation')
    bad = 0
    for path in sorted(glob.glob(os.path.join(decks, '*.json'))):
        doc = json.load(open(path, encoding='utf-8')); name = os.path.basename(path)
        mine, status, won = steps_of(doc)
        written = doc['expected'].get('steps')
        if mine == written and status == doc['expected']['status'] and filled(doc, won) == doc['expected']['seats']:
            print('agrees', name)
            continue
        bad += 1
        print('differs', name)
        for a, b in zip(mine, written or []):
            if a != b:
                print('  derived', json.dumps(a)); print('  written', json.dumps(b)); break
    sys.exit(1 if bad else 0)
