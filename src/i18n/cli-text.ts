import type { Language } from './language.ts';
import { fillTemplate } from './template.ts';
import type { Translations } from './messages.ts';

/** Words the CLI shows around results: command help, headings, and one sentence per step kind. */
export const CLI_TEXT = {
  programDescription: {
    kk: 'saylau — Қазақстан сайлауларын өткізу және дауыс санау жүйесі (2023 ережелері)',
    ru: 'saylau — система организации выборов и подсчёта голосов Казахстана (правила 2023 года)',
    en: "saylau — election administration and tabulation for Kazakhstan's elections (2023 rules)",
  },
  langOption: { kk: 'хабарлар тілі: kk, ru немесе en', ru: 'язык сообщений: kk, ru или en', en: 'language of messages: kk, ru or en' },
  jsonOption: { kk: 'нәтижені бір JSON құжаты ретінде шығару', ru: 'вывести результат одним JSON-документом', en: 'print the result as one JSON document' },
  fileArgument: { kk: 'JSON файлы («-» — стандартты кіріс)', ru: 'JSON-файл («-» — стандартный ввод)', en: 'a JSON file ("-" for standard input)' },
  allocateDescription: {
    kk: 'Партиялық тізімдер арасында мандаттарды бөлу және әр қадамды көрсету',
    ru: 'Распределить мандаты между партийными списками и показать каждый шаг',
    en: 'Allocate seats among party lists and show every step',
  },
  checkCandidateDescription: {
    kk: 'Кандидаттың сайлануға құқығын тексеру (жасы, азаматтығы, тұратын жері, шектеулер)',
    ru: 'Проверить право кандидата быть избранным (возраст, гражданство, проживание, ограничения)',
    en: "Check a candidate's eligibility (age, citizenship, residence, bars)",
  },
  checkListDescription: {
    kk: 'Партиялық тізімді тексеру (ұзындығы, 30 % квота, партия мүшелері, қайталау)',
    ru: 'Проверить партийный список (длина, квота 30 %, члены партии, повторы)',
    en: 'Check a party list (length, 30 % quota, members only, no one twice)',
  },
  checkMandatesDescription: {
    kk: 'Партия мандаттарға таңдаған депутаттарды тізіммен және 30 % квотамен тексеру',
    ru: 'Проверить депутатов, выбранных партией на мандаты, по списку и квоте 30 %',
    en: 'Check the deputies a party chose for its seats against its list and the 30 % quota',
  },
  smdDescription: {
    kk: 'Бір мандатты округтағы сайлау нәтижесін анықтау',
    ru: 'Определить результат выборов в одномандатном округе',
    en: 'Decide the outcome in a single-member district',
  },
  recallDescription: {
    kk: 'Депутатты кері шақыру дауыс беруінің нәтижесін анықтау',
    ru: 'Определить итог голосования об отзыве депутата',
    en: 'Decide the outcome of a recall vote',
  },
  rulesDescription: {
    kk: 'Атаулы ереже жиынтықтарын көрсету немесе біреуін JSON түрінде шығару',
    ru: 'Показать именованные наборы правил или вывести один в виде JSON',
    en: 'List the named rule sets, or print one as its JSON rules object',
  },
  ruleSetArgument: { kk: 'ереже жиынтығының атауы', ru: 'имя набора правил', en: 'name of a rule set' },
  helpDescription: { kk: 'команда туралы анықтама', ru: 'справка по команде', en: 'explain a command' },

  rules: { kk: 'Ережелер', ru: 'Правила', en: 'Rules' },
  customRules: { kk: 'қолмен берілген', ru: 'заданы вручную', en: 'given by hand' },
  uncertain: { kk: 'Расталмаған параметрлер [U]', ru: 'Неподтверждённые параметры [U]', en: 'Uncertain parameters [U]' },
  document: { kk: 'құжат', ru: 'документ', en: 'document' },
  status: { kk: 'Күйі', ru: 'Статус', en: 'Status' },
  list: { kk: 'Тізім', ru: 'Список', en: 'List' },
  votes: { kk: 'Дауыс', ru: 'Голоса', en: 'Votes' },
  shareOfBase: { kk: 'Негізден %', ru: '% от базы', en: '% of base' },
  admitted: { kk: 'Өтті', ru: 'Допущен', en: 'Admitted' },
  quotient: { kk: 'Бөлінді', ru: 'Частное', en: 'Quotient' },
  seats: { kk: 'Мандат', ru: 'Мандаты', en: 'Seats' },
  vacant: { kk: 'Бос', ru: 'Вакантно', en: 'Vacant' },
  yes: { kk: 'иә', ru: 'да', en: 'yes' },
  no: { kk: 'жоқ', ru: 'нет', en: 'no' },
  steps: { kk: 'Қадамдар', ru: 'Шаги', en: 'Steps' },
  eligible: { kk: 'Сайлануға құқылы', ru: 'Может быть избран', en: 'Eligible' },
  notEligible: { kk: 'Сайлануға құқығы жоқ', ru: 'Не может быть избран', en: 'Not eligible' },
  listOk: { kk: 'Тізім талаптарға сай', ru: 'Список соответствует требованиям', en: 'The list meets every requirement' },
  listNotOk: { kk: 'Тізім талаптарға сай емес', ru: 'Список не соответствует требованиям', en: 'The list does not meet the requirements' },
  mandatesOk: { kk: 'Мандаттарды бөлу талаптарға сай', ru: 'Передача мандатов соответствует требованиям', en: 'The mandates meet every requirement' },
  mandatesNotOk: { kk: 'Мандаттарды бөлу талаптарға сай емес', ru: 'Передача мандатов не соответствует требованиям', en: 'The mandates do not meet the requirements' },
  age: { kk: 'Сайлау күнгі жасы', ru: 'Возраст на день выборов', en: 'Age on election day' },

  'status.complete': { kk: 'аяқталды', ru: 'завершено', en: 'complete' },
  'status.no-list-admitted': { kk: 'бірде-бір тізім өтпеді', ru: 'ни один список не допущен', en: 'no list admitted' },
  'status.lots-required': {
    kk: '{tied} тізімдері арасында жеребе қажет; ойнатылатын мандат: {seats}',
    ru: 'нужен жребий между списками {tied}; мандатов на кону: {seats}',
    en: 'lots required between {tied}; seats at stake: {seats}',
  },

  'base.valid': {
    kk: 'Негіз — жарамды дауыстар: {base} (партиялар {partyVotes} + «Барлығына қарсы» {againstAll})',
    ru: 'База — действительные голоса: {base} (партии {partyVotes} + «Против всех» {againstAll})',
    en: 'Base — valid votes: {base} (lists {partyVotes} + "Against all" {againstAll})',
  },
  'base.ballots': {
    kk: 'Негіз — жәшіктерден табылған бюллетеньдер: {base} (жарамды {valid} + жарамсыз {invalid})',
    ru: 'База — бюллетени в ящиках: {base} (действительные {valid} + недействительные {invalid})',
    en: 'Base — ballots in the boxes: {base} (valid {valid} + invalid {invalid})',
  },
  'base.party-votes': {
    kk: 'Негіз — партияларға берілген дауыстар: {base}',
    ru: 'База — голоса за партии: {base}',
    en: 'Base — votes for lists: {base}',
  },
  'base.participants': {
    kk: 'Негіз — бюллетень алған сайлаушылар: {base}',
    ru: 'База — избиратели, получившие бюллетени: {base}',
    en: 'Base — voters who received a ballot: {base}',
  },
  'step.threshold.admitted': {
    kk: '{list}: {votes} = {share} % ≥ {threshold} % — кедергіден өтті',
    ru: '{list}: {votes} = {share} % ≥ {threshold} % — допущен',
    en: '{list}: {votes} = {share} % ≥ {threshold} % — admitted',
  },
  'step.threshold.refused': {
    kk: '{list}: {votes} = {share} % < {threshold} % — кедергіден өтпеді',
    ru: '{list}: {votes} = {share} % < {threshold} % — не допущен',
    en: '{list}: {votes} = {share} % < {threshold} % — not admitted',
  },
  'step.no-list-admitted': {
    kk: 'Бірде-бір тізім кедергіден өтпеді: мандаттар бөлінбейді',
    ru: 'Ни один список не преодолел барьер: мандаты не распределяются',
    en: 'No list passed the threshold: no seats are allocated',
  },
  'step.runner-up-admitted': {
    kk: 'Кедергіден тек {leader} өтті, сондықтан келесі ең көп дауыс алған {list} ({votes}) да жіберіледі',
    ru: 'Барьер преодолел только {leader}, поэтому допускается следующий по числу голосов список {list} ({votes})',
    en: 'Only {leader} passed, so the list with the next largest vote, {list} ({votes}), is admitted too',
  },
  'step.runner-up-tie': {
    kk: '{lists} екінші орынға тең дауыс алды ({votes}): ертерек тіркелген {list} жіберіледі',
    ru: 'У списков {lists} поровну голосов за второе место ({votes}): допускается ранее зарегистрированный {list}',
    en: '{lists} are level for the next largest vote ({votes}): {list}, registered earlier, is admitted',
  },
  'step.runner-up-seats': {
    kk: 'Q = {quota}; {correction} × V₂ / Q = {corrected}; {runnerUp}: max({minimum}, ⌊{corrected}⌋) = {runnerUpSeats} (ең көбі {cap}); {leader}: {leaderSeats}',
    ru: 'Q = {quota}; {correction} × V₂ / Q = {corrected}; {runnerUp}: max({minimum}, ⌊{corrected}⌋) = {runnerUpSeats} (не более {cap}); {leader}: {leaderSeats}',
    en: 'Q = {quota}; {correction} × V₂ / Q = {corrected}; {runnerUp}: max({minimum}, ⌊{corrected}⌋) = {runnerUpSeats} (at most {cap}); {leader}: {leaderSeats}',
  },
  'step.quota.hare': {
    kk: 'Хэйр квотасы: өткен тізімдердің {votes} дауысы / {seats} мандат = {value}',
    ru: 'Квота Хэйра: {votes} голосов допущенных списков / {seats} мандатов = {value}',
    en: 'Hare quota: {votes} votes of admitted lists / {seats} seats = {value}',
  },
  'step.quota.droop': {
    kk: 'Друп квотасы: ⌊{votes} / ({seats} + 1)⌋ + 1 = {value}',
    ru: 'Квота Друпа: ⌊{votes} / ({seats} + 1)⌋ + 1 = {value}',
    en: 'Droop quota: ⌊{votes} / ({seats} + 1)⌋ + 1 = {value}',
  },
  'step.quotient': {
    kk: '{list}: {votes} / квота = {quotient} → мандат: {floor}, қалдық {remainder}',
    ru: '{list}: {votes} / квота = {quotient} → мандатов: {floor}, остаток {remainder}',
    en: '{list}: {votes} / quota = {quotient} → seats: {floor}, remainder {remainder}',
  },
  'step.remainder-round': {
    kk: 'Қалған мандаттар тізімдерден көп: әр тізімге тағы {each} мандат',
    ru: 'Оставшихся мандатов больше, чем списков: каждому списку добавляется мандатов: {each}',
    en: 'More seats are left than lists: each list gets {each} more',
  },
  'step.remainder-seat': {
    kk: '{seat}-мандат → {list}: қалдығы бойынша {rank}-орын ({remainder})',
    ru: 'Мандат {seat} → {list}: {rank}-й по величине остаток ({remainder})',
    en: 'Seat {seat} → {list}: remainder ranked {rank} ({remainder})',
  },
  'step.divisor-seat': {
    kk: '{seat}-мандат → {list}: {votes} / {divisor} = {quotient}',
    ru: 'Мандат {seat} → {list}: {votes} / {divisor} = {quotient}',
    en: 'Seat {seat} → {list}: {votes} / {divisor} = {quotient}',
  },
  'step.tie.earlier-registration': {
    kk: '{lists} тең ({value}), ойнатылатын мандат: {seats}; ертерек тіркелуі бойынша: {winners}',
    ru: 'Равенство {lists} ({value}), мандатов на кону: {seats}; по более ранней регистрации: {winners}',
    en: 'Tie between {lists} ({value}), seats at stake: {seats}; by earlier registration: {winners}',
  },
  'step.tie.lots': {
    kk: '{lists} тең ({value}), ойнатылатын мандат: {seats}; жеребе бойынша: {winners}',
    ru: 'Равенство {lists} ({value}), мандатов на кону: {seats}; по жребию: {winners}',
    en: 'Tie between {lists} ({value}), seats at stake: {seats}; by the drawn lots: {winners}',
  },
  'step.tie.unresolved': {
    kk: '{lists} тең ({value}), ойнатылатын мандат: {seats}; жеребе қажет (lotsOrder)',
    ru: 'Равенство {lists} ({value}), мандатов на кону: {seats}; нужен жребий (lotsOrder)',
    en: 'Tie between {lists} ({value}), seats at stake: {seats}; lots required (lotsOrder)',
  },
  'step.vacancy': {
    kk: '{list} {won} мандат алды, бірақ тізімде {size} кандидат бар: {vacant} мандат бос қалады',
    ru: '{list}: получено мандатов — {won}, кандидатов в списке — {size}; остаются вакантными: {vacant}',
    en: '{list} won {won} seat(s) but has {size} candidate(s): {vacant} seat(s) stay vacant',
  },
  generateDescription: {
    kk: '2023 жылғы 19 наурыздағы сайлаудың толық ұлттық деректер жиынтығын жасау',
    ru: 'Создать полный общенациональный набор данных выборов 19 марта 2023 года',
    en: 'Generate the full national dataset of the 19 March 2023 election',
  },
  validateDescription: {
    kk: 'Деректер жиынтығын толық тексеру: сызба, сілтемелер, хаттамалардың бақылау қатынастары',
    ru: 'Полностью проверить набор данных: схема, ссылки, контрольные соотношения протоколов',
    en: 'Check a dataset completely: schema, references, every control relation of the protocols',
  },
  tallyDescription: {
    kk: 'Деректер жиынтығының хаттамаларынан барлық сайлау мен органның нәтижесін есептеу',
    ru: 'Подсчитать итоги всех выборов и органов по протоколам набора данных',
    en: "Compute every contest and body from a dataset's protocols",
  },
  seedOption: { kk: 'кездейсоқ сандар генераторының бастапқы мәні', ru: 'начальное значение генератора случайных чисел', en: 'seed of the random number generator' },
  outOption: { kk: 'деректер жиынтығы жазылатын қалта', ru: 'папка, куда записать набор данных', en: 'folder to write the dataset to' },
  anomaliesOption: {
    kk: 'белгіленген бұзушылықтарды енгізу, мысалы stuffing:0.01,turnout:0.005,round:0.002,copy:0.001,typo:0.001',
    ru: 'внести помеченные нарушения, например stuffing:0.01,turnout:0.005,round:0.002,copy:0.001,typo:0.001',
    en: 'inject labelled irregularities, e.g. stuffing:0.01,turnout:0.005,round:0.002,copy:0.001,typo:0.001',
  },
  initDescription: {
    kk: 'Деректер жиынтығының election.json файлынан сайлау дерекқорын және комиссиялар кілттерін жасау',
    ru: 'Создать базу данных выборов из election.json набора данных и ключи комиссий',
    en: "Create an election database from a dataset's election.json, with the commissions' keys",
  },
  ingestDescription: {
    kk: 'Хаттамаларды жаппай қабылдау: әрқайсысы тексеріледі және журналға жазылады; қайта іске қосуға болады',
    ru: 'Массовый приём протоколов: каждый проверяется и записывается в журнал; можно запускать повторно',
    en: 'Bulk intake of protocols: each checked and journaled; safe to run again',
  },
  resultsDescription: {
    kk: 'Дерекқордағы нәтижелер: saylau tally пішінімен және кезеңімен',
    ru: 'Итоги из базы данных: в форме saylau tally и со стадией',
    en: 'Results from the database: the shape of saylau tally, with each stage',
  },
  dbOption: { kk: 'SQLite файлы немесе postgres://… мекенжайы', ru: 'файл SQLite или адрес postgres://…', en: 'an SQLite file or a postgres://… URL' },
  keysOption: { kk: 'жабық кілттер файлы (әдепкіде дерекқордың жанында)', ru: 'файл закрытых ключей (по умолчанию рядом с базой)', en: 'the private keys file (by default beside the database)' },
  initialised: {
    kk: '{election} сайлауы {db} дерекқорына жазылды ({events} оқиға). Жабық кілттер: {keys}. ОСК кілтінің ізі: {fingerprint}',
    ru: 'Выборы {election} записаны в {db} (событий: {events}). Закрытые ключи: {keys}. Отпечаток ключа ЦИК: {fingerprint}',
    en: 'Election {election} written to {db} ({events} events). Private keys: {keys}. CEC key fingerprint: {fingerprint}',
  },
  ingested: {
    kk: 'Қабылданды: {accepted}; ескертумен: {warned}; өзгеріссіз: {unchanged}; қабылданбады: {refused}',
    ru: 'Принято: {accepted}; с предупреждениями: {warned}; без изменений: {unchanged}; отклонено: {refused}',
    en: 'Accepted: {accepted}; with warnings: {warned}; unchanged: {unchanged}; refused: {refused}',
  },
  exportDescription: {
    kk: 'Жариялауға арналған тексерілетін жиынтықты (bundle) шығару',
    ru: 'Выгрузить проверяемый пакет (bundle) для публикации',
    en: 'Export the verifiable bundle for publication',
  },
  verifyDescription: {
    kk: 'Жиынтықты дерекқорсыз және серверсіз тексеру: хэштер, қолтаңбалар, хаттамалар, мандаттар',
    ru: 'Проверить пакет без базы данных и сервера: хэши, подписи, протоколы, мандаты',
    en: 'Verify a bundle without the store or server: hashes, signatures, protocols, seats',
  },
  formatOption: { kk: 'пішім: bundle', ru: 'формат: bundle', en: 'format: bundle' },
  trustOption: { kk: 'ОСК кілтінің сенімді ізі', ru: 'доверенный отпечаток ключа ЦИК', en: 'the trusted fingerprint of the CEC key' },
  exported: { kk: 'Жиынтық жазылды: {out} (оқиға: {events}, хаттама: {protocols})', ru: 'Пакет записан: {out} (событий: {events}, протоколов: {protocols})', en: 'Bundle written to {out} ({events} events, {protocols} protocols)' },
  checkPassed: { kk: 'дұрыс', ru: 'верно', en: 'ok' },
  checkFailed: { kk: 'ҚАТЕ', ru: 'ОШИБКА', en: 'FAILED' },
  'verify.manifest': { kk: 'манифест', ru: 'манифест', en: 'manifest' },
  'verify.file hashes': { kk: 'файл хэштері', ru: 'хэши файлов', en: 'file hashes' },
  'verify.election definition': { kk: 'сайлау анықтамасы', ru: 'определение выборов', en: 'election definition' },
  'verify.hash chain': { kk: 'хэштер тізбегі', ru: 'цепочка хэшей', en: 'hash chain' },
  'verify.trust root': { kk: 'сенім түбірі', ru: 'корень доверия', en: 'trust root' },
  'verify.signers': { kk: 'қол қоюшылар', ru: 'подписанты', en: 'signers' },
  'verify.signatures': { kk: 'қолтаңбалар', ru: 'подписи', en: 'signatures' },
  'verify.election signed': { kk: 'қол қойылған анықтама', ru: 'подписанное определение', en: 'election signed' },
  'verify.protocols': { kk: 'хаттамалар', ru: 'протоколы', en: 'protocols' },
  'verify.control relations': { kk: 'бақылау қатынастары', ru: 'контрольные соотношения', en: 'control relations' },
  'verify.results': { kk: 'нәтижелер', ru: 'итоги', en: 'results' },
  directoryArgument: { kk: 'деректер жиынтығының қалтасы', ru: 'папка набора данных', en: 'a dataset folder' },
  generated: { kk: 'Деректер жиынтығы жазылды: {out}', ru: 'Набор данных записан: {out}', en: 'Dataset written to {out}' },
  validated: {
    kk: 'Тексерілген хаттамалар: {protocols}; қателер: {errors}; ескертулер: {warnings}',
    ru: 'Проверено протоколов: {protocols}; ошибок: {errors}; предупреждений: {warnings}',
    en: 'Protocols checked: {protocols}; errors: {errors}; warnings: {warnings}',
  },
  smdSummary: {
    kk: 'Бір мандатты округтер: {contests}; жеңімпазы анықталғаны: {decided}',
    ru: 'Одномандатных округов: {contests}; с определённым победителем: {decided}',
    en: 'Single-member districts: {contests}; with a winner: {decided}',
  },
  'smd.winner': { kk: 'Жеңімпаз: {winner} (дауыс: {votes})', ru: 'Победитель: {winner} (голосов: {votes})', en: 'Winner: {winner} (votes: {votes})' },
  'smd.byLots': { kk: 'жеребе бойынша', ru: 'по жребию', en: 'by lots' },
  'smd.againstAllPrevailed': {
    kk: '«Барлығына қарсы» жеңімпаздан көп дауыс алды',
    ru: '«Против всех» получил больше голосов, чем победитель',
    en: '"Against all" received more votes than the winner',
  },
  'smd.tie': {
    kk: 'Бірінші орын үшін тең дауыс: {tied} ({votes}); шешім қажет: {decision}',
    ru: 'Равенство голосов за первое место: {tied} ({votes}); требуется решение: {decision}',
    en: 'Tie for first place: {tied} ({votes}); a decision is required: {decision}',
  },
  'smd.decision.lots': { kk: 'жеребе', ru: 'жребий', en: 'lots' },
  'smd.decision.repeat-election': { kk: 'қайта сайлау', ru: 'повторные выборы', en: 'a repeat election' },
  'smd.void': {
    kk: '«Барлығына қарсы» бірінші орында: сайлау жарамсыз',
    ru: '«Против всех» на первом месте: выборы недействительны',
    en: '"Against all" came first: the election is void',
  },
  'smd.postponed': {
    kk: 'Кандидат қалмады: округтегі сайлау кейінге қалдырылады',
    ru: 'Кандидатов не осталось: выборы в округе переносятся',
    en: 'No candidate is left: the election in the district is postponed',
  },
  'recall.recalled': { kk: 'Депутат кері шақырылды', ru: 'Депутат отозван', en: 'The deputy is recalled' },
  'recall.not-recalled': { kk: 'Депутат кері шақырылмады', ru: 'Депутат не отозван', en: 'The deputy is not recalled' },
  'recall.invalid-turnout': {
    kk: 'Дауыс беру жарамсыз: сайлаушылардың үштен бірінен азы қатысты',
    ru: 'Голосование недействительно: участвовало менее трети избирателей',
    en: 'The vote is invalid: fewer than a third of the voters took part',
  },
} as const satisfies Record<string, Translations>;

export type CliTextKey = keyof typeof CLI_TEXT;

export function cliText(key: CliTextKey, language: Language, params: Readonly<Record<string, string | number>> = {}): string {
  return fillTemplate(CLI_TEXT[key][language], params);
}
