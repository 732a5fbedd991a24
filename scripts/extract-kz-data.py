#!/usr/bin/env python3
"""Writes data/kz-2023.json from ../shared/data/kz: the public facts the generator needs
(names, codes, counts, official votes), so that the project works on a fresh clone.
Run once by hand when ../shared changes; the output is committed."""
import json, sys, os
shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', '..', 'shared', 'data', 'kz')
g = json.load(open(os.path.join(shared, 'geography-2023.json')))
r = json.load(open(os.path.join(shared, 'results-2023.json')))
fact = lambda f: {'value': f['value'], 'verified': bool(f.get('verified'))}
PARTY = {'Amanat': 'amanat', 'Auyl': 'auyl', 'Respublica': 'respublica', 'Ak Zhol': 'ak-zhol',
         "People's Party of Kazakhstan (QHP)": 'qhp', 'OSDP (JSDP)': 'osdp', 'Baitaq': 'baitaq'}
out = {
  'note': 'Public facts of the 19 March 2023 elections, extracted from ../shared/data/kz by scripts/extract-kz-data.py. verified=false marks an estimate of that source.',
  'totals': {k: g['meta']['totals'][k]['value'] for k in ('registeredVoters', 'pollingStationsDomestic', 'pollingStationsAbroad', 'maslikhats', 'smdWinnersByNomination')},
  'regions': [{
    'iso': x['iso'], 'name': x['name'], 'centre': x['centre'],
    'registeredVoters': fact(x['registeredVoters2023']), 'pollingStations': fact(x['pollingStations2023']),
    'majilisSmd': x['majilisSmd'],
    'regionalMaslikhat': {'total': x['regionalMaslikhat']['total'], 'list': x['regionalMaslikhat']['pr'], 'verified': bool(x['regionalMaslikhat'].get('verified'))},
    'turnoutPercent': x['turnout2023Pct']['value'],
    'localMaslikhats': [{'kind': l['kind'], 'name': l['name'], 'verified': bool(l.get('verified', True))} for l in x['localMaslikhats']],
  } for x in g['regions']],
  'majilisSmd': [{'number': m['number'], 'region': m['region'], 'winnerNomination': m['nomination'], 'candidates': m['candidates'], 'area': m.get('area')} for m in g['majilisSmd2023']],
  'results': {},
}
for e in r:
    key = {'Mazhilis 2023 (party lists)': 'majilisList', 'Kostanay oblast maslikhat 2023 (party lists)': 'KZ-39', 'Karaganda oblast maslikhat 2023 (party lists)': 'KZ-35'}.get(e['election'])
    if key is None: continue
    out['results'][key] = {
      'votes': {PARTY[p['name']]: p['votes'] for p in e['parties'] if p['name'] in PARTY and p.get('votes') is not None},
      'againstAll': e.get('against_all'), 'participants': e.get('voters_took_part') or e.get('ballots_received'),
      'registered': e.get('registered'), 'source': e['source'],
    }
json.dump(out, open(os.path.join(os.path.dirname(__file__), '..', 'data', 'kz-2023.json'), 'w'), ensure_ascii=False, indent=1)
