import {
  formatCount as formatCountIn,
  formatDate,
  formatDateTime,
  formatDecimal,
  formatPercent as formatPercentIn,
  formatShare,
  percentThreshold,
} from '@saylau/web-shared';

/** Every word the site shows, in Kazakh (the default), Russian and English. */
export const LANGUAGES = ['kk', 'ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const TEXT = {
  skip: { kk: 'Негізгі мазмұнға өту', ru: 'Перейти к содержанию', en: 'Skip to content' },
  navMajilis: { kk: 'Мәжіліс', ru: 'Мажилис', en: 'Majilis' },
  navMap: { kk: 'Өңірлер', ru: 'Регионы', en: 'Regions' },
  navMaslikhats: { kk: 'Мәслихаттар', ru: 'Маслихаты', en: 'Maslikhats' },
  navSeats: { kk: 'Мандаттар қалай бөлінді', ru: 'Как распределены мандаты', en: 'Why each seat' },
  navConsole: { kk: 'Комиссия', ru: 'Комиссия', en: 'Commission' },
  languageName: { kk: 'Қазақша', ru: 'Русский', en: 'English' },
  majilisTitle: {
    kk: 'Мәжіліс сайлауы, 2023 жылғы 19 наурыз',
    ru: 'Выборы в Мажилис, 19 марта 2023 года',
    en: 'Majilis election, 19 March 2023',
  },
  hemicycle: { kk: 'Мәжілістің 98 орны', ru: '98 мест Мажилиса', en: 'The 98 seats of the Majilis' },
  listSeat: { kk: 'партиялық тізім', ru: 'партийный список', en: 'party list' },
  smdSeat: { kk: 'бір мандатты округ', ru: 'одномандатный округ', en: 'single-member district' },
  listVotes: {
    kk: 'Партиялық тізімдер бойынша дауыс беру',
    ru: 'Голосование по партийным спискам',
    en: 'Party-list vote',
  },
  party: { kk: 'Партия', ru: 'Партия', en: 'Party' },
  votes: { kk: 'Дауыс', ru: 'Голоса', en: 'Votes' },
  shareOfValid: { kk: 'Жарамды бюллетеньдердің %', ru: '% действительных', en: '% of valid' },
  seats: { kk: 'Мандат', ru: 'Мандаты', en: 'Seats' },
  listSeats: { kk: 'Тізім', ru: 'Список', en: 'List' },
  smdSeats: { kk: 'Округ', ru: 'Округа', en: 'Districts' },
  againstAll: { kk: 'Бәріне қарсы', ru: 'Против всех', en: 'Against all' },
  invalidBallots: { kk: 'Жарамсыз бюллетеньдер', ru: 'Недействительные бюллетени', en: 'Invalid ballots' },
  thresholdLine: { kk: '5 % шегі', ru: 'Порог 5 %', en: '5 % threshold' },
  selfNominated: { kk: 'Өзін-өзі ұсыну', ru: 'Самовыдвижение', en: 'Self-nominated' },
  publicAssociation: { kk: 'Қоғамдық бірлестік', ru: 'Общественное объединение', en: 'Public association' },
  smdWinners: {
    kk: 'Бір мандатты округтердің жеңімпаздары',
    ru: 'Победители в одномандатных округах',
    en: 'Single-member district winners',
  },
  district: { kk: 'Округ', ru: 'Округ', en: 'District' },
  winner: { kk: 'Жеңімпаз', ru: 'Победитель', en: 'Winner' },
  nominatedBy: { kk: 'Ұсынған', ru: 'Кем выдвинут', en: 'Nominated by' },
  noWinnerYet: { kk: 'әзірге жоқ', ru: 'пока нет', en: 'not yet' },
  counted: {
    kk: 'Саналған учаскелер: {share} ({counted} / {expected})',
    ru: 'Подсчитано участков: {share} ({counted} из {expected})',
    en: 'Stations counted: {share} ({counted} of {expected})',
  },
  updated: { kk: 'Жаңартылды: {time}', ru: 'Обновлено: {time}', en: 'Updated: {time}' },
  live: { kk: 'тікелей', ru: 'в прямом эфире', en: 'live' },
  stage: { kk: 'Кезеңі', ru: 'Стадия', en: 'Stage' },
  'stage.partial': { kk: 'ішінара', ru: 'частичные', en: 'partial' },
  'stage.preliminary': { kk: 'алдын ала', ru: 'предварительные', en: 'preliminary' },
  'stage.established': { kk: 'белгіленген', ru: 'установленные', en: 'established' },
  'stage.certified': { kk: 'бекітілген', ru: 'утверждённые', en: 'certified' },
  // Result pages: figures, the provisional state, places, the map's shading.
  'results.votersOnList': { kk: 'Тізімдегі сайлаушылар', ru: 'Избирателей в списках', en: 'Voters on the lists' },
  'results.ballotsIssued': {
    kk: 'Бюллетень алғандар (дауыс беруге қатысқандар)',
    ru: 'Получили бюллетени (приняли участие)',
    en: 'Ballots issued (voters who took part)',
  },
  'results.ballotsCast': {
    kk: 'Жәшіктерден табылған бюллетеньдер',
    ru: 'Бюллетеней в ящиках',
    en: 'Ballots cast (found in the boxes)',
  },
  'results.stationsCounted': { kk: 'Саналған учаскелер', ru: 'Подсчитано участков', en: 'Stations counted' },
  'results.figures': { kk: 'Негізгі көрсеткіштер', ru: 'Основные показатели', en: 'Key figures' },
  'results.majority': { kk: 'Көпшілік: {seats}', ru: 'Большинство: {seats}', en: 'Majority: {seats}' },
  'results.twoThirds': { kk: 'Үштен екі: {seats}', ru: 'Две трети: {seats}', en: 'Two thirds: {seats}' },
  'results.provisionalTag': { kk: 'Алдын ала', ru: 'Предварительно', en: 'Provisional' },
  'results.provisional': {
    kk: 'Санау жүріп жатыр: учаскелердің {share} саналды ({counted} / {expected}). Бұл мандаттар түпкілікті емес, әлі өзгеруі мүмкін.',
    ru: 'Идёт подсчёт: подсчитано {share} участков ({counted} из {expected}). Распределение мест не окончательное и ещё может измениться.',
    en: 'Counting is under way: {share} of stations counted ({counted} of {expected}). These seats are not final and may still change.',
  },
  'results.allCounted': {
    kk: 'Барлық {expected} учаске саналды.',
    ru: 'Подсчитаны все участки ({expected}).',
    en: 'All {expected} stations counted.',
  },
  'results.candidate': { kk: 'Кандидат', ru: 'Кандидат', en: 'Candidate' },
  'results.elected': { kk: 'сайланды', ru: 'избран', en: 'elected' },
  'results.leading': { kk: 'алда', ru: 'лидирует', en: 'leading' },
  'results.holder': { kk: 'Партия немесе кандидаттар', ru: 'Партия или кандидаты', en: 'Party or candidates' },
  'results.place': { kk: 'Орналасқан жері', ru: 'Где', en: 'Where' },
  'results.regionalMaslikhat': { kk: 'Облыстық мәслихат', ru: 'Областной маслихат', en: 'Regional maslikhat' },
  'results.majilisList': {
    kk: 'Мәжіліс, партиялық тізімдер',
    ru: 'Мажилис, партийные списки',
    en: 'Majilis, party lists',
  },
  'results.shadeBy': { kk: 'Картаның түсі', ru: 'Цвет карты', en: 'Shade the map by' },
  'results.shareOf': { kk: '{party} үлесі', ru: 'Доля: {party}', en: 'Share of {party}' },
  'results.legend': { kk: 'Шкала', ru: 'Шкала', en: 'Scale' },
  'results.lineName': { kk: 'Жолдың атауы', ru: 'Наименование строки', en: 'What the line counts' },
  'results.noData': { kk: 'деректер жоқ', ru: 'нет данных', en: 'no data' },
  mapTitle: { kk: 'Өңірлер бойынша нәтижелер', ru: 'Результаты по регионам', en: 'Results by region' },
  mapHelp: {
    kk: 'Түсі — таңдалған көрсеткіш (шкаласы төменде); сан — келу',
    ru: 'Цвет — выбранный показатель (шкала ниже); число — явка',
    en: 'Colour: the measure chosen (scale below); number: turnout',
  },
  turnout: { kk: 'Келу', ru: 'Явка', en: 'Turnout' },
  leader: { kk: 'Көш бастаушы', ru: 'Лидер', en: 'Leader' },
  region: { kk: 'Өңір', ru: 'Регион', en: 'Region' },
  turnoutDay: {
    kk: 'Күн ішіндегі сайлаушылардың келуі',
    ru: 'Явка избирателей в течение дня',
    en: 'Turnout through the day',
  },
  turnoutDayNote: {
    kk: 'Бюллетень алған сайлаушылардың тізімдегі сайлаушылардағы үлесі, учаскенің жергілікті уақыты бойынша; әр сағат сол уақытқа дейін есеп берген учаскелерден құралады.',
    ru: 'Доля избирателей, получивших бюллетени, от числа избирателей в списках, по местному времени участка; каждый час складывается из участков, успевших сообщить данные.',
    en: 'The share of voters on the lists who had received a ballot, by the station’s local time; each hour is made of the stations that had reported by then.',
  },
  turnoutTable: { kk: 'Өңірлер бойынша, сағат сайын', ru: 'По регионам, по часам', en: 'By region and hour' },
  journalTurnoutHour: { kk: 'сағат {hour} кезіндегі келу', ru: 'явка на {hour}', en: 'turnout at {hour}' },
  turnoutNational: { kk: 'Бүкіл ел', ru: 'Вся страна', en: 'Nationally' },
  turnoutChart: {
    kk: 'Сағат бойынша бүкіл елдегі келу',
    ru: 'Явка по стране по часам',
    en: 'National turnout by hour',
  },
  turnoutReported: {
    kk: '{expected} учаскенің {reported} есеп берді',
    ru: 'Сообщили {reported} из {expected} участков',
    en: '{reported} of {expected} stations reported',
  },
  territory: { kk: 'Аудан немесе қала', ru: 'Район или город', en: 'District or city' },
  stations: { kk: 'Сайлау учаскелері', ru: 'Избирательные участки', en: 'Polling stations' },
  station: { kk: 'Учаске', ru: 'Участок', en: 'Station' },
  setting: { kk: 'Елді мекен', ru: 'Местность', en: 'Setting' },
  'setting.urban': { kk: 'қала', ru: 'город', en: 'urban' },
  'setting.rural': { kk: 'ауыл', ru: 'село', en: 'rural' },
  'setting.abroad': { kk: 'шетел', ru: 'за рубежом', en: 'abroad' },
  protocols: { kk: 'Хаттамалар', ru: 'Протоколы', en: 'Protocols' },
  protocol: { kk: 'Хаттама', ru: 'Протокол', en: 'Protocol' },
  line: { kk: 'Жол', ru: 'Строка', en: 'Line' },
  value: { kk: 'Мәні', ru: 'Значение', en: 'Value' },
  checksPass: {
    kk: 'Бақылау қатынастары сақталған',
    ru: 'Контрольные соотношения выполнены',
    en: 'Control relations hold',
  },
  notCounted: { kk: 'Хаттама әлі жоқ', ru: 'Протокола ещё нет', en: 'No protocol yet' },
  maslikhatsTitle: { kk: 'Мәслихаттар', ru: 'Маслихаты', en: 'Maslikhats' },
  composition: { kk: 'Құрамы', ru: 'Состав', en: 'Composition' },
  filled: {
    kk: 'Толтырылған орындар: {filled} / {seats}',
    ru: 'Заполнено мест: {filled} из {seats}',
    en: 'Seats filled: {filled} of {seats}',
  },
  competent: { kk: 'өкілетті (¾)', ru: 'правомочен (¾)', en: 'competent (¾)' },
  notCompetent: { kk: 'әлі өкілетті емес', ru: 'ещё не правомочен', en: 'not yet competent' },
  seatsTitle: { kk: 'Әр мандат неге берілді', ru: 'Почему каждый мандат', en: 'Why each seat' },
  step: { kk: 'Қадам', ru: 'Шаг', en: 'Step' },
  downloads: { kk: 'Жүктеп алу', ru: 'Скачать', en: 'Downloads' },
  bundleLink: { kk: 'тексерілетін жиынтық (tar)', ru: 'проверяемый пакет (tar)', en: 'verifiable bundle (tar)' },
  // Words of the page frame, the not-found page, the journal and the CEC key (this block kept together).
  navLabel: { kk: 'Бөлімдер', ru: 'Разделы', en: 'Sections' },
  languagesLabel: { kk: 'Тіл', ru: 'Язык', en: 'Language' },
  resultsSnapshot: {
    kk: 'нәтижелердің ағымдағы күйі (JSON)',
    ru: 'текущий срез результатов (JSON)',
    en: 'results snapshot (JSON)',
  },
  verifyIntro: {
    kk: 'Кез келген адам нәтижелерді тексере алады: жиынтықты жүктеп алып, мына команданы орындаңыз:',
    ru: 'Любой может проверить результаты: скачайте пакет и выполните команду:',
    en: 'Anyone can check the results: download the bundle and run:',
  },
  verifyFingerprint: {
    kk: 'Соңғы сан — ОСК кілтінің ізі: тексеру журналдың осы кілтпен басталатынын растайды.',
    ru: 'Последнее число — отпечаток ключа ЦИК: проверка подтверждает, что журнал начат именно этим ключом.',
    en: "The last number is the CEC key's fingerprint: the check confirms that the journal begins with this key.",
  },
  cecKeyFingerprint: { kk: 'ОСК кілтінің ізі', ru: 'Отпечаток ключа ЦИК', en: 'CEC key fingerprint' },
  notFoundTitle: { kk: 'Бет табылмады', ru: 'Страница не найдена', en: 'Page not found' },
  notFoundPage: {
    kk: 'Сайтта мұндай бет жоқ: мекенжай қате терілген не ескірген болуы мүмкін.',
    ru: 'На сайте нет такой страницы: возможно, адрес набран с ошибкой или устарел.',
    en: 'The site has no such page: the address may be mistyped or out of date.',
  },
  notFoundStation: { kk: 'Учаске табылмады', ru: 'Участок не найден', en: 'Station not found' },
  notFoundContest: { kk: 'Сайлау табылмады', ru: 'Выборы не найдены', en: 'Contest not found' },
  notFoundRegion: { kk: 'Өңір табылмады', ru: 'Регион не найден', en: 'Region not found' },
  notFoundBody: { kk: 'Өкілді орган табылмады', ru: 'Представительный орган не найден', en: 'Body not found' },
  notFoundReference: {
    kk: 'Бұл сайлауда «{id}» жоқ: мекенжай қате терілген не ескірген болуы мүмкін.',
    ru: '«{id}» в этих выборах нет: возможно, адрес набран с ошибкой или устарел.',
    en: '"{id}" is not part of this election: the address may be mistyped or out of date.',
  },
  errorUnexpected: {
    kk: 'Бетті ашу мүмкін болмады. Кейінірек қайталап көріңіз.',
    ru: 'Страницу не удалось открыть. Попробуйте позже.',
    en: 'The page could not be opened. Please try again later.',
  },
  backHome: { kk: 'Басты бетке оралу', ru: 'Вернуться на главную страницу', en: 'Back to the home page' },
  'whatifStatus.no-list-admitted': {
    kk: 'бірде-бір тізім өтпеді',
    ru: 'ни один список не прошёл',
    en: 'no list admitted',
  },
  'whatifStatus.lots-required': { kk: 'жеребе қажет', ru: 'нужна жеребьёвка', en: 'lots required' },
  journalConcerns: { kk: 'Нысаны', ru: 'К чему относится', en: 'Concerns' },
  journalStation: { kk: '№ {station} учаске', ru: 'участок № {station}', en: 'station {station}' },
  journalUnknownKey: { kk: 'белгісіз кілт', ru: 'неизвестный ключ', en: 'an unknown key' },
  'journalRole.central-commission': { kk: 'ОСК', ru: 'ЦИК', en: 'CEC' },
  'journalRole.commission': { kk: 'комиссия', ru: 'комиссия', en: 'commission' },
  'journalRole.user': { kk: 'пайдаланушы', ru: 'пользователь', en: 'user' },
  'journalRole.administrator': { kk: 'әкімші', ru: 'администратор', en: 'administrator' },
  'journalRole.chair': { kk: 'төраға', ru: 'председатель', en: 'chair' },
  'journalRole.operator': { kk: 'оператор', ru: 'оператор', en: 'operator' },
  'journalRole.observer': { kk: 'байқаушы', ru: 'наблюдатель', en: 'observer' },
  'journalEvent.key-registered': { kk: 'Кілт тіркелді', ru: 'Ключ зарегистрирован', en: 'Key registered' },
  'journalEvent.election-defined': { kk: 'Сайлау анықталды', ru: 'Выборы определены', en: 'Election defined' },
  'journalEvent.key-revoked': { kk: 'Кілт кері қайтарылды', ru: 'Ключ отозван', en: 'Key revoked' },
  'journalEvent.log-key-registered': {
    kk: 'Журнал кілті тіркелді',
    ru: 'Зарегистрирован ключ журнала',
    en: 'Log key registered',
  },
  'journalEvent.account-disabled': {
    kk: 'Тіркелгі бұғатталды',
    ru: 'Учётная запись отключена',
    en: 'Account disabled',
  },
  'journalEvent.account-enabled': {
    kk: 'Тіркелгі қайта қосылды',
    ru: 'Учётная запись включена',
    en: 'Account enabled',
  },
  'journalEvent.protocol-entered': { kk: 'Хаттама енгізілді', ru: 'Протокол введён', en: 'Protocol entered' },
  'journalEvent.protocol-resolved': {
    kk: 'Төраға хаттаманы шешті',
    ru: 'Председатель разрешил расхождение',
    en: 'Protocol resolved by the chair',
  },
  'journalEvent.protocol-accepted': { kk: 'Хаттама қабылданды', ru: 'Протокол принят', en: 'Protocol accepted' },
  'journalEvent.turnout-reported': {
    kk: 'Келу туралы есеп берілді',
    ru: 'Сообщены сведения о явке',
    en: 'Turnout reported',
  },
  'journalEvent.observer-accredited': {
    kk: 'Бақылаушы аккредиттелді',
    ru: 'Наблюдатель аккредитован',
    en: 'Observer accredited',
  },
  'journalEvent.protocol-copy-entered': {
    kk: 'Бақылаушы хаттама көшірмесін енгізді',
    ru: 'Наблюдатель внёс копию протокола',
    en: 'Observer’s protocol copy entered',
  },
  'journalEvent.copy-sample-drawn': {
    kk: 'Параллель санау үшін іріктеме жасалды',
    ru: 'Сделана выборка для параллельного подсчёта',
    en: 'Sample drawn for a parallel vote tabulation',
  },
  'journalEvent.irregularity-reported': {
    kk: 'Бақылаушы бұзушылық туралы хабарлады',
    ru: 'Наблюдатель сообщил о нарушении',
    en: 'Observer reported an irregularity',
  },
  'journalEvent.lots-drawn': { kk: 'Жеребе тартылды', ru: 'Проведена жеребьёвка', en: 'Lots drawn' },
  'journalEvent.summary-approved': {
    kk: 'Жиынтық хаттама бекітілді',
    ru: 'Итоговый протокол утверждён',
    en: 'Summary approved',
  },
  'journalEvent.results-certified': {
    kk: 'Нәтижелер бекітілді',
    ru: 'Результаты утверждены',
    en: 'Results certified',
  },
  'journalEvent.nomination-submitted': {
    kk: 'Кандидатура ұсынылды',
    ru: 'Подано выдвижение',
    en: 'Nomination submitted',
  },
  'journalEvent.registration-decided': {
    kk: 'Тіркеу туралы шешім',
    ru: 'Решение о регистрации',
    en: 'Registration decided',
  },
  'journalEvent.candidate-withdrawn': {
    kk: 'Кандидат шығып қалды',
    ru: 'Кандидат выбыл',
    en: 'Candidate withdrawn',
  },
  'journalEvent.contest-postponed': { kk: 'Сайлау кейінге қалдырылды', ru: 'Выборы отложены', en: 'Contest postponed' },
  'journalEvent.deputies-chosen': {
    kk: 'Депутаттар анықталды',
    ru: 'Определены депутаты',
    en: 'Deputies chosen',
  },
  'journalEvent.mandate-vacated': { kk: 'Мандат босады', ru: 'Мандат освободился', en: 'Mandate vacated' },
  'journalEvent.mandate-filled': { kk: 'Мандат толтырылды', ru: 'Мандат замещён', en: 'Mandate filled' },
  loading: { kk: 'Жүктелуде…', ru: 'Загрузка…', en: 'Loading…' },
  error: { kk: 'Қате', ru: 'Ошибка', en: 'Error' },
  back: { kk: 'Артқа', ru: 'Назад', en: 'Back' },
  login: { kk: 'Кіру', ru: 'Войти', en: 'Log in' },
  logout: { kk: 'Шығу', ru: 'Выйти', en: 'Log out' },
  username: { kk: 'Пайдаланушы аты', ru: 'Имя пользователя', en: 'Username' },
  password: { kk: 'Құпиясөз', ru: 'Пароль', en: 'Password' },
  loggedInAs: {
    kk: '{user} ({role}, {commission})',
    ru: '{user} ({role}, {commission})',
    en: '{user} ({role}, {commission})',
  },
  consoleTitle: { kk: 'Комиссия консолі', ru: 'Консоль комиссии', en: 'Commission console' },
  stationId: { kk: 'Учаске идентификаторы', ru: 'Идентификатор участка', en: 'Station id' },
  open: { kk: 'Ашу', ru: 'Открыть', en: 'Open' },
  contest: { kk: 'Сайлау', ru: 'Выборы', en: 'Contest' },
  version: { kk: 'Нұсқа', ru: 'Версия', en: 'Version' },
  reason: { kk: 'Түзету себебі', ru: 'Причина исправления', en: 'Reason for a correction' },
  enter: { kk: 'Енгізу', ru: 'Ввести', en: 'Enter' },
  resolve: { kk: 'Төраға шешімі', ru: 'Решение председателя', en: "Chair's resolution" },
  accept: { kk: 'Қабылдау', ru: 'Принять', en: 'Accept' },
  acknowledge: { kk: 'Ескертуді растау', ru: 'Подтвердить предупреждение', en: 'Acknowledge the warning' },
  approve: { kk: 'Жиынтықты бекіту', ru: 'Утвердить итоги', en: 'Approve the summary' },
  entryState: { kk: 'Енгізу күйі: {state}', ru: 'Состояние ввода: {state}', en: 'Entry state: {state}' },
  differences: {
    kk: 'Айырмашылық бар жолдар: {fields}',
    ru: 'Расходятся строки: {fields}',
    en: 'Rows that differ: {fields}',
  },
  done: { kk: 'Орындалды', ru: 'Выполнено', en: 'Done' },
  'line.votersOnList': { kk: 'Тізімдегі сайлаушылар саны', ru: 'Число избирателей в списке', en: 'Voters on the list' },
  'line.ballotsReceived': { kk: 'Алынған бюллетеньдер', ru: 'Получено бюллетеней', en: 'Ballots received' },
  'line.issuedInPremises': {
    kk: 'Үй-жайда берілген бюллетеньдер',
    ru: 'Выдано в помещении',
    en: 'Issued in the premises',
  },
  'line.issuedOutside': {
    kk: 'Үй-жайдан тыс берілген бюллетеньдер',
    ru: 'Выдано вне помещения',
    en: 'Issued outside the premises',
  },
  'line.absentee': {
    kk: 'Сырттай дауыс беру куәліктері',
    ru: 'Открепительные удостоверения',
    en: 'Absentee certificates',
  },
  'line.cancelled': { kk: 'Жойылған бюллетеньдер', ru: 'Погашено бюллетеней', en: 'Ballots cancelled' },
  'line.foundStationary': {
    kk: 'Тұрақты жәшіктердегі бюллетеньдер',
    ru: 'В стационарных ящиках',
    en: 'Found in stationary boxes',
  },
  'line.foundMobile': {
    kk: 'Көшпелі жәшіктердегі бюллетеньдер',
    ru: 'В переносных ящиках',
    en: 'Found in mobile boxes',
  },
  'line.invalid': { kk: 'Жарамсыз бюллетеньдер', ru: 'Недействительные бюллетени', en: 'Invalid ballots' },
  'line.againstAll': { kk: '«Барлығына қарсы» дауыстар', ru: 'Голоса «против всех»', en: 'Votes "against all"' },
  'line.lost': { kk: 'Жоғалған бюллетеньдер', ru: 'Утраченные бюллетени', en: 'Ballots lost' },
  'line.unaccounted': {
    kk: 'Есепке алынбаған бюллетеньдер',
    ru: 'Не учтённые при получении',
    en: 'Ballots not accounted for on receipt',
  },
  // The commission console (web/src/views/console.ts and protocol-*.ts).
  'role.operator': { kk: 'оператор', ru: 'оператор', en: 'operator' },
  'role.chair': { kk: 'төраға', ru: 'председатель', en: 'chair' },
  'role.administrator': { kk: 'әкімші', ru: 'администратор', en: 'administrator' },
  'role.observer': { kk: 'байқаушы', ru: 'наблюдатель', en: 'observer' },
  commissionLabel: { kk: 'Комиссия', ru: 'Комиссия', en: 'Commission' },
  'state.none': { kk: 'енгізу басталмаған', ru: 'ввод не начат', en: 'no entry yet' },
  'state.first-entered': {
    kk: 'бір рет енгізілді, екінші енгізу күтілуде',
    ru: 'введён один раз, ожидается второй ввод',
    en: 'entered once, awaiting the second entry',
  },
  'state.entries-match': {
    kk: 'екі енгізу сәйкес келеді, төраға қабылдай алады',
    ru: 'оба ввода совпадают, председатель может принять',
    en: 'both entries agree; the chair may accept',
  },
  'state.entries-differ': {
    kk: 'екі енгізу сәйкес келмейді, төраға шешеді',
    ru: 'вводы расходятся, решает председатель',
    en: 'the entries differ; the chair decides',
  },
  'state.resolved': {
    kk: 'төраға айырмашылықтарды шешті, хаттама қабылдауға дайын',
    ru: 'председатель разрешил расхождения, протокол готов к принятию',
    en: 'the chair resolved the differences; ready to accept',
  },
  'decision.entered': { kk: 'Енгізілді ({entry}-енгізу)', ru: 'Введено (ввод {entry})', en: 'Entered (entry {entry})' },
  'decision.resolved': {
    kk: 'Төраға шешімі сақталды',
    ru: 'Решение председателя сохранено',
    en: "The chair's resolution is saved",
  },
  'decision.accepted': { kk: 'Хаттама қабылданды', ru: 'Протокол принят', en: 'The protocol is accepted' },
  notFilled: {
    kk: 'Толтырылмаған жолдар: {rows}',
    ru: 'Не заполнены строки: {rows}',
    en: 'Rows not filled in: {rows}',
  },
  relationSums: {
    kk: '{left} = {leftSum}, ал {right} = {rightSum}; айырмасы {difference}',
    ru: '{left} = {leftSum}, а {right} = {rightSum}; разница {difference}',
    en: '{left} = {leftSum} but {right} = {rightSum}; difference {difference}',
  },
  entryOne: { kk: '1-енгізу', ru: 'Ввод 1', en: 'Entry 1' },
  entryTwo: { kk: '2-енгізу', ru: 'Ввод 2', en: 'Entry 2' },
  entryYours: { kk: '(сіздікі)', ru: '(ваш)', en: '(yours)' },
  rowNumber: { kk: 'Жол №', ru: '№ строки', en: 'Row' },
  chosenValue: { kk: 'Хаттамаға', ru: 'В протокол', en: 'Protocol' },
  takeValue: { kk: '{entry}: {value} мәнін алу', ru: '{entry}: взять {value}', en: '{entry}: take {value}' },
  rowDiffers: { kk: 'айырмашылық бар', ru: 'расхождение', en: 'differs' },
  resolveHelp: {
    kk: 'Айырмашылық бар әр жолға қағаз хаттамадағы мәнді қойыңыз: 1- не 2-енгізудің мәнін алыңыз немесе дұрысын жазыңыз.',
    ru: 'Для каждой расходящейся строки укажите значение из бумажного протокола: возьмите значение ввода 1 или 2 либо впишите верное.',
    en: 'For each row that differs, give the value on the paper protocol: take entry 1 or entry 2, or type the right one.',
  },
  toSign: {
    kk: 'Қабылдау кезінде қол қойылатын хаттама',
    ru: 'Протокол, который будет подписан при принятии',
    en: 'The protocol acceptance will sign',
  },
  acknowledgeWarnings: {
    kk: 'Қабылдай отырып, сіз мына ескертулерді растайсыз:',
    ru: 'Принимая протокол, вы подтверждаете предупреждения:',
    en: 'Accepting acknowledges these warnings:',
  },
  firstEntryHelp: {
    kk: 'Хаттаманы қағаз нысанынан жолма-жол енгізіңіз.',
    ru: 'Введите протокол с бумажного бланка строка за строкой.',
    en: 'Type the protocol from the paper form, row by row.',
  },
  secondEntryHelp: {
    kk: 'Бұл екінші енгізу: хаттаманы қағаздан қайта енгізіңіз, бірінші енгізу көрсетілмейді.',
    ru: 'Это второй ввод: введите протокол с бумаги заново; первый ввод не показывается.',
    en: 'This is the second entry: type the protocol from the paper again; the first entry is not shown.',
  },
  waitingSecond: {
    kk: 'Сіз бұл хаттаманы енгіздіңіз. Енді оны басқа оператор қағаздан қайта енгізуі керек.',
    ru: 'Вы ввели этот протокол. Теперь другой оператор должен ещё раз ввести его с бумаги.',
    en: 'You entered this protocol. Another operator must now enter it again from the paper.',
  },
  waitingChair: {
    kk: 'Хаттама екі рет енгізілді; енді төраға шешеді.',
    ru: 'Протокол введён дважды; теперь решает председатель.',
    en: 'The protocol has been entered twice; the chair decides now.',
  },
  acceptedVersion: {
    kk: 'Хаттама қабылданған ({version}-нұсқа).',
    ru: 'Протокол принят (версия {version}).',
    en: 'The protocol is accepted (version {version}).',
  },
  startCorrection: { kk: 'Түзету енгізу', ru: 'Ввести исправление', en: 'Enter a correction' },
  correctionOf: {
    kk: '{version}-нұсқаны түзету; жаңа нұсқа: {next}',
    ru: 'Исправление версии {version}; новая версия: {next}',
    en: 'Correction of version {version}; the new version: {next}',
  },
  correctionReason: { kk: 'Түзету себебі: {reason}', ru: 'Причина исправления: {reason}', en: 'Reason: {reason}' },
  refusalCode: { kk: 'коды', ru: 'код', en: 'code' },
  journal: { kk: 'Журнал', ru: 'Журнал', en: 'Journal' },
  journalHelp: {
    kk: 'Соңғы оқиғалар, әрқайсысы қол қойылған және тізбектелген',
    ru: 'Последние события, каждое подписано и сцеплено хешем',
    en: 'The latest events, each signed and hash-chained',
  },
  event: { kk: 'Оқиға', ru: 'Событие', en: 'Event' },
  actor: { kk: 'Кім', ru: 'Кто', en: 'Who' },
  time: { kk: 'Уақыты', ru: 'Время', en: 'Time' },
  candidatesTitle: { kk: 'Тіркелген кандидаттар', ru: 'Зарегистрированные кандидаты', en: 'Registered candidates' },
  candidatesLink: { kk: 'Кандидаттар', ru: 'Кандидаты', en: 'Candidates' },
  candidate: { kk: 'Кандидат', ru: 'Кандидат', en: 'Candidate' },
  born: { kk: 'Туған күні', ru: 'Дата рождения', en: 'Born' },
  listPosition: { kk: 'Тізімдегі орны', ru: 'Место в списке', en: 'Place on the list' },
  nomination: { kk: 'Ұсыну', ru: 'Выдвижение', en: 'Nomination' },
  status: { kk: 'Мәртебесі', ru: 'Статус', en: 'Status' },
  noCandidates: {
    kk: 'Тіркелген кандидат жоқ',
    ru: 'Зарегистрированных кандидатов нет',
    en: 'No registered candidates',
  },
  postponed: {
    kk: 'Сайлау кейінге қалдырылды ({at}): барлық кандидат шығып қалды',
    ru: 'Выборы перенесены ({at}): все кандидаты выбыли',
    en: 'The election is postponed ({at}): every candidate withdrew',
  },
  'nomination.list': { kk: 'партиялық тізім', ru: 'партийный список', en: 'party list' },
  'nomination.party': { kk: 'партия ұсынған', ru: 'выдвинут партией', en: 'nominated by a party' },
  'nomination.public-association': {
    kk: 'қоғамдық бірлестік ұсынған',
    ru: 'выдвинут общественным объединением',
    en: 'nominated by a public association',
  },
  'nomination.self-nominated': { kk: 'өзін-өзі ұсынған', ru: 'самовыдвижение', en: 'self-nominated' },
  'status.registered': { kk: 'тіркелген', ru: 'зарегистрирован', en: 'registered' },
  'status.withdrawn': { kk: 'кандидатурасын қайтарып алды', ru: 'снял кандидатуру', en: 'withdrawn' },
  'status.deregistered': { kk: 'тіркеуден шығарылды', ru: 'регистрация отменена', en: 'deregistered' },
  'status.died': { kk: 'қайтыс болды', ru: 'умер', en: 'deceased' },
  'status.submitted': { kk: 'шешім күтуде', ru: 'ожидает решения', en: 'awaiting a decision' },
  'status.refused': { kk: 'тіркеуден бас тартылды', ru: 'в регистрации отказано', en: 'refused' },
  ballotsTitle: { kk: 'Сайлау бюллетеньдері', ru: 'Избирательные бюллетени', en: 'Ballots' },
  ballotsLink: { kk: 'Бюллетеньдер', ru: 'Бюллетени', en: 'Ballots' },
  printKk: { kk: 'Басып шығаруға: қазақша', ru: 'Для печати: на казахском', en: 'Printable proof: Kazakh' },
  printRu: { kk: 'Басып шығаруға: орысша', ru: 'Для печати: на русском', en: 'Printable proof: Russian' },
  registrationTitle: { kk: 'Кандидаттарды тіркеу', ru: 'Регистрация кандидатов', en: 'Registration of candidates' },
  submitNomination: { kk: 'Ұсынымды қабылдау', ru: 'Принять выдвижение', en: 'Receive a nomination' },
  nominationJson: { kk: 'Ұсыным (JSON)', ru: 'Выдвижение (JSON)', en: 'Nomination (JSON)' },
  oneCandidate: {
    kk: 'Бір мандатты округке бір кандидат',
    ru: 'Один кандидат в одномандатном округе',
    en: 'One candidate in a single-member district',
  },
  nameKk: { kk: 'Аты-жөні (қазақша)', ru: 'ФИО (на казахском)', en: 'Name (Kazakh)' },
  nameRu: { kk: 'Аты-жөні (орысша)', ru: 'ФИО (на русском)', en: 'Name (Russian)' },
  nameLatin: { kk: 'Аты-жөні (латынша)', ru: 'ФИО (латиницей)', en: 'Name (Latin)' },
  personId: { kk: 'ЖСН', ru: 'ИИН', en: 'Personal number (IIN)' },
  gender: { kk: 'Жынысы', ru: 'Пол', en: 'Gender' },
  female: { kk: 'әйел', ru: 'женский', en: 'female' },
  male: { kk: 'ер', ru: 'мужской', en: 'male' },
  depositPaid: { kk: 'Төленген жарна, теңге', ru: 'Внесённый взнос, тенге', en: 'Deposit paid, tenge' },
  submittedAt: { kk: 'Қабылданған уақыты', ru: 'Время приёма', en: 'Received at' },
  decidedAt: { kk: 'Шешім уақыты', ru: 'Время решения', en: 'Decided at' },
  candidateId: { kk: 'Кандидат идентификаторы', ru: 'Идентификатор кандидата', en: 'Candidate id' },
  pendingTitle: {
    kk: 'Шешім күтіп тұрған ұсынымдар',
    ru: 'Выдвижения, ожидающие решения',
    en: 'Nominations awaiting a decision',
  },
  noPending: {
    kk: 'Шешім күтіп тұрған ұсыным жоқ',
    ru: 'Выдвижений, ожидающих решения, нет',
    en: 'No nomination awaits a decision',
  },
  register: { kk: 'Тіркеу туралы шешім', ru: 'Решить о регистрации', en: 'Decide' },
  registered: { kk: 'Тіркелді: {ids}', ru: 'Зарегистрированы: {ids}', en: 'Registered: {ids}' },
  refusedBecause: { kk: 'Тіркеуден бас тартылды:', ru: 'В регистрации отказано:', en: 'Refused:' },
  withdrawTitle: { kk: 'Кандидатты шығару', ru: 'Выбытие кандидата', en: 'A candidate leaves' },
  withdrawKind: { kk: 'Түрі', ru: 'Основание', en: 'Kind' },
  at: { kk: 'Уақыты', ru: 'Время', en: 'At' },
  withdraw: { kk: 'Тіркеу', ru: 'Зафиксировать', en: 'Record' },
  deputiesTitle: {
    kk: 'Партияның депутаттарды таңдауы',
    ru: 'Определение депутатов партией',
    en: "A party's choice of deputies",
  },
  body: { kk: 'Орган', ru: 'Орган', en: 'Body' },
  chosen: {
    kk: 'Таңдалғандар (әр жолда бір идентификатор)',
    ru: 'Выбранные (по идентификатору в строке)',
    en: 'Chosen (one id a line)',
  },
  choose: { kk: 'Тіркеу', ru: 'Зафиксировать', en: 'Record the choice' },
  vacancyTitle: {
    kk: 'Бос мандат: тапсыру және толтыру',
    ru: 'Вакансия: сложение и замещение мандата',
    en: 'Vacancies: a mandate given up, a vacancy filled',
  },
  vacancyKind: { kk: 'Әрекет', ru: 'Действие', en: 'Action' },
  vacate: { kk: 'Депутат мандатын тапсырады', ru: 'Депутат слагает мандат', en: 'The deputy gives up the mandate' },
  fill: {
    kk: 'Бос мандатқа тізімнен кандидат',
    ru: 'Кандидат из списка на вакантный мандат',
    en: 'A list candidate takes the vacancy',
  },
  record: { kk: 'Тіркеу', ru: 'Записать', en: 'Record' },
  navAnalysis: { kk: 'Талдау', ru: 'Анализ', en: 'Analysis' },
  whatifTitle: {
    kk: 'Басқа ережелер болса',
    ru: 'Что, если бы правила были другими',
    en: 'What if the rules were different',
  },
  whatifIntro: {
    kk: 'Сол дауыстар басқа ережелермен: мандаттар қатар, айырмасы бірінші ережемен салыстырылады.',
    ru: 'Те же голоса по другим правилам: мандаты рядом, разница — относительно первого набора правил.',
    en: 'The same votes under other rules: the seats side by side, each difference against the first rule set.',
  },
  whatifRules: { kk: 'Ережелер', ru: 'Правила', en: 'Rule sets' },
  whatifCaption: {
    kk: 'Барлық {seats} орын (тізімдер және округтер)',
    ru: 'Все {seats} мест (списки и округа)',
    en: 'All {seats} seats (lists and districts)',
  },
  holder: { kk: 'Кімде', ru: 'У кого', en: 'Holder' },
  'variant.kz-2023-majilis': { kk: '2023 ережелері (5 %)', ru: 'Правила 2023 года (5 %)', en: 'The 2023 rules (5 %)' },
  'variant.kz-2023-maslikhat': {
    kk: '2023 ж. мәслихат ережелері',
    ru: 'Правила маслихатов 2023 года',
    en: 'Maslikhat rules of 2023',
  },
  'variant.kz-2009-majilis': {
    kk: '2009–2021 ережелері (7 %)',
    ru: 'Правила 2009–2021 годов (7 %)',
    en: 'The 2009–2021 rules (7 %)',
  },
  'variant.kz-2007-majilis': { kk: '2007 ережелері', ru: 'Правила 2007 года', en: 'The 2007 rules' },
  'variant.threshold-7': { kk: '7 % шек', ru: 'Барьер 7 %', en: '7 % threshold' },
  'variant.threshold-3': { kk: '3 % шек', ru: 'Барьер 3 %', en: '3 % threshold' },
  'variant.threshold': { kk: '{percent} % шек', ru: 'Барьер {percent} %', en: '{percent} % threshold' },
  'variant.base-without-against-all': {
    kk: '«Барлығына қарсы» базасыз',
    ru: 'База без «против всех»',
    en: 'Base without "against all"',
  },
  'variant.base-ballots': { kk: 'Барлық бюллетень базасы', ru: 'База — все бюллетени', en: 'Base of all ballots' },
  'variant.dhondt': { kk: 'Д’Ондт әдісі', ru: 'Метод Д’Ондта', en: "D'Hondt" },
  'variant.sainte-lague': { kk: 'Сент-Лагю әдісі', ru: 'Метод Сент-Лагю', en: 'Sainte-Laguë' },
  'variant.droop': { kk: 'Друп квотасы', ru: 'Квота Друпа', en: 'Droop quota' },
  'variant.all-list-2021': {
    kk: '2023 жылға дейін: барлығы тізімдермен',
    ru: 'До 2023 года: все места по спискам',
    en: 'Before 2023: every seat by lists',
  },
  forecastLinkTitle: { kk: 'Сауалнамалар бойынша болжам', ru: 'Прогноз по опросам', en: 'Forecast from polls' },
  forecastLinkText: {
    kk: 'мандаттардың ықтималдық үлестірімі',
    ru: 'распределение мандатов с вероятностями',
    en: 'the seats as probabilities',
  },
  forensicsLinkTitle: { kk: 'Статистикалық сараптама', ru: 'Статистическая экспертиза', en: 'Forensics' },
  copiesLinkTitle: { kk: 'Бақылаушылардың көшірмелері', ru: 'Копии наблюдателей', en: 'Observers’ copies' },
  copiesLinkText: {
    kk: 'бақылаушылар алған хаттама көшірмелері ресми хаттамалармен салыстырылады',
    ru: 'копии протоколов, полученные наблюдателями, в сравнении с официальными протоколами',
    en: 'the protocol copies observers were handed, against the official protocols',
  },
  copiesTitle: {
    kk: 'Бақылаушылардың хаттама көшірмелері',
    ru: 'Копии протоколов у наблюдателей',
    en: 'Observers’ protocol copies',
  },
  copiesIntro: {
    kk: 'Аккредиттелген бақылаушылар учаскеде өздеріне берілген хаттама көшірмесінің сандарын өз кілтімен қол қойып енгізеді. Әр көшірме ресми хаттамамен жол-жолымен салыстырылады. Көшірме ресми санды ешқашан өзгертпейді: айырмашылық тек осында көрсетіледі.',
    ru: 'Аккредитованные наблюдатели вносят цифры копии протокола, выданной им на участке, и подписывают их своим ключом. Каждая копия сравнивается с официальным протоколом построчно. Копия никогда не меняет официальную цифру: расхождение только показывается здесь.',
    en: 'Accredited observers enter the figures of the protocol copy handed to them at the station, signed with their own key. Each copy is compared line by line with the official protocol. A copy never changes an official figure: a difference is only shown here.',
  },
  copiesSummary: {
    kk: 'Бақылаушылар: {observers}. Көшірмелер: {copies}; сәйкес келеді: {matching}; өзгеше: {differing} ({stations} учаскеде); ресми хаттаманы күтуде: {awaiting}.',
    ru: 'Наблюдателей: {observers}. Копий: {copies}; совпадают: {matching}; расходятся: {differing} (на {stations} участках); ждут официального протокола: {awaiting}.',
    en: 'Observers: {observers}. Copies: {copies}; matching: {matching}; differing: {differing} (at {stations} stations); awaiting the official protocol: {awaiting}.',
  },
  copiesByRegion: { kk: 'Өңірлер бойынша көшірмелер', ru: 'Копии по регионам', en: 'Copies by region' },
  copiesCount: { kk: 'Көшірмелер', ru: 'Копий', en: 'Copies' },
  copiesMatching: { kk: 'Сәйкес', ru: 'Совпадают', en: 'Matching' },
  copiesDiffering: { kk: 'Өзгеше', ru: 'Расходятся', en: 'Differing' },
  copiesStationsDiffering: {
    kk: 'Айырмашылығы бар учаскелер',
    ru: 'Участков с расхождениями',
    en: 'Stations differing',
  },
  copiesAwaiting: { kk: 'Ресми хаттама жоқ', ru: 'Нет официального протокола', en: 'No official protocol yet' },
  copiesCountry: { kk: 'Барлық ел', ru: 'Вся страна', en: 'The whole country' },
  copiesDiscrepancies: { kk: 'Айырмашылықтар тізімі', ru: 'Список расхождений', en: 'The discrepancy list' },
  copiesNone: {
    kk: 'Әзірге барлық көшірме ресми хаттамалармен сәйкес келеді.',
    ru: 'Пока все копии совпадают с официальными протоколами.',
    en: 'So far every copy matches its official protocol.',
  },
  copiesShown: {
    kk: 'Айырмашылықтың алғашқы {shown} жолы, барлығы {all}: толық тізім — жүктеп алуда',
    ru: 'Первые {shown} строк расхождений из {all}: полный список — в файлах для скачивания',
    en: 'The first {shown} of {all} differing figures: the whole list is in the downloads',
  },
  copiesStation: { kk: 'Учаске', ru: 'Участок', en: 'Station' },
  copiesObserver: { kk: 'Бақылаушы ұйым', ru: 'Организация наблюдателя', en: 'Observer’s organisation' },
  copiesLine: { kk: 'Хаттама жолы', ru: 'Строка протокола', en: 'Protocol line' },
  copiesCopy: { kk: 'Көшірмеде', ru: 'В копии', en: 'On the copy' },
  copiesOfficial: { kk: 'Ресми', ru: 'Официально', en: 'Official' },
  copiesVotesFor: { kk: '{option} үшін дауыстар', ru: 'Голоса за: {option}', en: 'Votes for {option}' },
  copiesJournalEntry: { kk: 'журнал, {seq}-жазба', ru: 'журнал, запись {seq}', en: 'journal entry {seq}' },
  sampleTitle: {
    kk: 'Параллель санау: {organisation}',
    ru: 'Параллельный подсчёт: {organisation}',
    en: 'Parallel vote tabulation: {organisation}',
  },
  sampleIntro: {
    kk: '{contest}: ресми хаттамалардан бұрын журналға жазылған бастапқы саннан {drawn} учаске кездейсоқ таңдалды; олардың {withCopies} учаскесінде бақылаушының көшірмесі бар. Әр үлестің бағасы 95 % сенімділікпен қатесінің шегімен берілген.',
    ru: '{contest}: {drawn} участков выбраны случайно по зерну, записанному в журнал до официальных протоколов; копия наблюдателя есть на {withCopies} из них. Каждая доля оценена с погрешностью при доверии 95 %.',
    en: '{contest}: {drawn} stations drawn at random from a seed journaled before any official protocol; an observer’s copy is in for {withCopies} of them. Each share is estimated with its margin of error at 95 % confidence.',
  },
  sampleSeed: {
    kk: 'Бастапқы сан (кез келген адам іріктемені қайта жасай алады):',
    ru: 'Зерно (по нему выборку может повторить любой):',
    en: 'The seed (anyone can draw the sample again from it):',
  },
  sampleOption: { kk: 'Нұсқа', ru: 'Вариант', en: 'Option' },
  sampleEstimate: { kk: 'Көшірмелер бойынша баға', ru: 'Оценка по копиям', en: 'Estimate from the copies' },
  sampleOfficial: { kk: 'Ресми үлес', ru: 'Официальная доля', en: 'Official share' },
  sampleVerdict: { kk: 'Салыстыру', ru: 'Сравнение', en: 'Comparison' },
  sampleWithin: { kk: 'қате шегінде', ru: 'в пределах погрешности', en: 'within the margin' },
  sampleOutside: { kk: 'қате шегінен тыс', ru: 'вне погрешности', en: 'outside the margin' },
  irregularitiesTitle: {
    kk: 'Бақылаушылардың бұзушылықтар туралы хабарлары',
    ru: 'Сообщения наблюдателей о нарушениях',
    en: 'Observers’ reports of irregularities',
  },
  irregularitiesIntro: {
    kk: 'Бақылаушы учаскеде көргенін өз кілтімен қол қойып хабарлайды. Хабар бірден жарияланады: бұл — бақылаушының мәлімдемесі, оны әлі ешкім тексерген жоқ. Шағым мен шешім — бөлек.',
    ru: 'Наблюдатель сообщает об увиденном на участке и подписывает сообщение своим ключом. Сообщение публикуется сразу: это заявление наблюдателя, которое ещё никто не проверял. Жалоба и решение по ней — отдельно.',
    en: 'An observer reports what they saw at a station, signed with their own key. A report is public at once: it is the observer’s statement, not yet reviewed by anyone. A complaint and its decision are separate.',
  },
  irregularitiesNone: { kk: 'Хабар әлі жоқ.', ru: 'Сообщений пока нет.', en: 'No reports yet.' },
  irregularityWhen: { kk: 'Қашан көрілді', ru: 'Когда замечено', en: 'When seen' },
  irregularityCategory: { kk: 'Не болды', ru: 'Что произошло', en: 'What happened' },
  'irregularity.campaigning-near-station': {
    kk: 'Учаске маңында үгіт жүргізу',
    ru: 'Агитация у участка',
    en: 'Campaigning near the station',
  },
  'irregularity.ballot-stuffing': {
    kk: 'Жәшікке бюллетень салу (вброс)',
    ru: 'Вброс бюллетеней',
    en: 'Ballot stuffing',
  },
  'irregularity.carousel-voting': { kk: '«Карусель» дауыс беру', ru: '«Карусель»', en: 'Carousel voting' },
  'irregularity.pressure-on-voters': {
    kk: 'Сайлаушыларға қысым',
    ru: 'Давление на избирателей',
    en: 'Pressure on voters',
  },
  'irregularity.observer-denied-access': {
    kk: 'Бақылаушы кіргізілмеді',
    ru: 'Наблюдателя не допустили',
    en: 'Observer denied access',
  },
  'irregularity.protocol-copy-refused': {
    kk: 'Хаттама көшірмесі берілмеді',
    ru: 'Не выдали копию протокола',
    en: 'Protocol copy refused',
  },
  'irregularity.voter-list-irregularity': {
    kk: 'Сайлаушылар тізіміндегі бұзушылық',
    ru: 'Нарушение со списком избирателей',
    en: 'Voter list irregularity',
  },
  'irregularity.other': { kk: 'Басқа', ru: 'Другое', en: 'Other' },
  abroadRegion: { kk: 'Шетелдегі учаскелер', ru: 'Участки за рубежом', en: 'Stations abroad' },
  forensicsLinkText: {
    kk: 'учаскелер нәтижелеріндегі ауытқулар',
    ru: 'аномалии в результатах участков',
    en: "anomalies in the stations' results",
  },
  forecastTitle: {
    kk: 'Мәжіліс: сауалнамалар бойынша болжам',
    ru: 'Мажилис: прогноз по опросам',
    en: 'Majilis: a forecast from polls',
  },
  forecastIntro: {
    kk: '{simulations} модельденген сайлау (бастапқы мән {seed}), {asOf} күнге; сауалнама: {poll}. Әр сайлауда тізім орындарын заң бөледі (5 % шегі, Хэр квотасы), округтерді — біркелкі ығысу.',
    ru: '{simulations} смоделированных выборов (начальное значение {seed}) на {asOf}; опрос: {poll}. В каждых выборах места по спискам распределяет закон (барьер 5 %, квота Хэра), округа — равномерный сдвиг.',
    en: '{simulations} simulated elections (seed {seed}) as of {asOf}; poll: {poll}. In each one the law allocates the list seats (5 % threshold, Hare quota) and uniform swing decides the districts.',
  },
  forecastHemicycle: {
    kk: 'Мәжілістің 98 орны: ықтималдықтар',
    ru: '98 мест Мажилиса: вероятности',
    en: 'The 98 seats of the Majilis as probabilities',
  },
  forecastHemicycleNote: {
    kk: 'Әр партияның секторы — күтілетін орын саны; k-орынның қанықтығы — партияның кемінде k орын алу ықтималдығы.',
    ru: 'Сектор каждой партии — ожидаемое число мест; насыщенность k-го места — вероятность, что у партии не меньше k мест.',
    en: "Each party's wedge is its expected seats; the k-th seat is as solid as the probability that the party wins at least k seats.",
  },
  forecastSeatTitle: {
    kk: '{holder}: кемінде {k} орын — {probability}',
    ru: '{holder}: не менее {k} мест — {probability}',
    en: '{holder}: at least {k} seats — {probability}',
  },
  forecastTableCaption: {
    kk: 'Барлық {total} орын (тізімдер және округтер); көпшілік — кемінде {majority}, үштен екі — кемінде {twoThirds} (2/3 × 98 = 65⅓, жоғары дөңгелектенеді)',
    ru: 'Все {total} мест (списки и округа); большинство — не менее {majority}, две трети — не менее {twoThirds} (2/3 × 98 = 65⅓, округление вверх)',
    en: 'All {total} seats (lists and districts); a majority is at least {majority}, two thirds at least {twoThirds} (2/3 × 98 = 65⅓, rounded up)',
  },
  forecastPoll: { kk: 'Сауалнама', ru: 'Опрос', en: 'Poll' },
  forecastPass: { kk: '5 % өту ықтималдығы', ru: 'Вероятность пройти 5 %', en: 'Chance of 5 %' },
  forecastMedian: { kk: 'Медиана', ru: 'Медиана', en: 'Median' },
  forecastInterval80: { kk: '80 % аралық', ru: 'Интервал 80 %', en: '80 % interval' },
  forecastInterval95: { kk: '95 % аралық', ru: 'Интервал 95 %', en: '95 % interval' },
  forecastMajority: { kk: '≥ {seats} орын', ru: '≥ {seats} мест', en: '≥ {seats} seats' },
  forecastTwoThirds: { kk: '≥ {seats} орын (2/3)', ru: '≥ {seats} мест (2/3)', en: '≥ {seats} seats (2/3)' },
  forecastThresholdHeading: {
    kk: '5 % шегінен өту ықтималдығы',
    ru: 'Вероятность преодолеть барьер 5 %',
    en: 'The chance of passing the 5 % threshold',
  },
  forecastHistogramsHeading: { kk: 'Орындардың үлестірімі', ru: 'Распределение мест', en: 'Seat distributions' },
  forecastHistogramsNote: {
    kk: 'Модельденген сайлаулардағы барлық орын; қою бағандар — 80 % аралық; сызықтар — {majority} және {twoThirds} орын.',
    ru: 'Все места в смоделированных выборах; тёмные столбцы — интервал 80 %; линии — {majority} и {twoThirds} мест.',
    en: 'All seats across the simulated elections; darker bars are the 80 % interval; the lines mark {majority} and {twoThirds} seats.',
  },
  forecastHistogramLabel: {
    kk: '{holder}: медиана {median}, 80 % аралық {low}–{high}',
    ru: '{holder}: медиана {median}, интервал 80 % {low}–{high}',
    en: '{holder}: median {median}, 80 % interval {low}–{high}',
  },
  forecastDistricts: {
    kk: 'Бір мандатты округтер: ықтимал жеңімпаз',
    ru: 'Одномандатные округа: вероятный победитель',
    en: 'Single-member districts: the likeliest winner',
  },
  forecastRegion: { kk: 'Өңір', ru: 'Регион', en: 'Region' },
  forecastFavourite: { kk: 'Ықтимал жеңімпаз', ru: 'Вероятный победитель', en: 'Likeliest winner' },
  forecastChance: { kk: 'Ықтималдық', ru: 'Вероятность', en: 'Chance' },
  forecastAssumptions: { kk: 'Болжамдар мен дереккөздер', ru: 'Допущения и источники', en: 'Assumptions and sources' },
  forecastModel: {
    kk: 'Модель: жартылай ыдырау {halfLife} күн, дизайн-эффект {deff}, тиімді іріктеме {neff}, жүйелі қате σ = {sigma} (логарифм шкаласы), өңірлік ауытқу σ = {regional}.',
    ru: 'Модель: полураспад {halfLife} дн., дизайн-эффект {deff}, эффективная выборка {neff}, систематическая ошибка σ = {sigma} (лог. шкала), региональное отклонение σ = {regional}.',
    en: 'Model: half-life {halfLife} days, design effect {deff}, effective sample {neff}, systematic error σ = {sigma} (log scale), regional deviation σ = {regional}.',
  },
  forecastAssumedNote: {
    kk: '* Бұл тізімдердің сауалнамадағы үлесі жарияланбаған: көрсеткіш болжанған (төмендегі «Болжамдар мен дереккөздер» бөлімін қараңыз).',
    ru: '* Доли этих списков в опросе не опубликованы: цифры приняты по допущению (см. ниже «Допущения и источники»).',
    en: '* These lists\' poll figures were not published: they are assumed (see "Assumptions and sources" below).',
  },
  forecastDistrictsNote: {
    kk: 'Округтердің ықтимал жеңімпаздары 2023 жылғы сайлаудың өз нәтижесінен есептелген: әр кандидаттың сол кездегі үлесі өз тізімінің ұлттық ығысуымен жылжытылады. Сондықтан бұл бөлім 2023 жылғы нәтижеден тәуелсіз болжам емес.',
    ru: 'Вероятные победители в округах рассчитаны из собственного результата выборов 2023 года: доля каждого кандидата сдвигается вместе с национальной долей его списка. Поэтому эта часть — не независимый от результата 2023 года прогноз.',
    en: "The districts' likeliest winners are computed from the 2023 election's own result: each candidate's share then is moved with the national swing of their list. This part is therefore not a forecast independent of the 2023 result.",
  },
  'forensics.title': {
    kk: 'Учаскелер нәтижелерінің статистикалық сараптамасы',
    ru: 'Статистическая экспертиза результатов участков',
    en: "Statistical forensics of the stations' results",
  },
  'forensics.intro': {
    kk: 'Мәжіліс партиялық тізімдері бойынша есептелген {stations} учаске хаттамасы; көшбасшы — {leader}, жәшіктердегі бюллетеньдердің {share}. Бұл әдістер тексеруге себеп көрсетеді, бұрмалаудың дәлелі емес.',
    ru: 'Посчитанные протоколы {stations} участков по партийным спискам Мажилиса; лидер — {leader}, {share} бюллетеней в ящиках. Эти методы указывают, где смотреть, но не доказывают фальсификацию.',
    en: 'The {stations} station protocols of the Majilis party lists counted so far; the leader is {leader} with {share} of the ballots found. These methods say where to look; they do not prove fraud.',
  },
  'forensics.fingerprintTitle': {
    kk: 'Сайлау саусақ ізі (Климек және әріптестері, 2012)',
    ru: 'Отпечаток выборов (Климек и др., 2012)',
    en: 'Election fingerprint (Klimek et al., 2012)',
  },
  'forensics.fingerprintText': {
    kk: '{stations} учаске келу мен көшбасшы үлесі бойынша 1 %-дық ұяшықтарда. Таза сайлауда бір дақ болады; жоғарғы оң бұрышқа созылған із — толтыруға тән белгі.',
    ru: '{stations} участков по явке и доле лидера в ячейках по 1 %. На чистых выборах одно пятно; хвост в правый верхний угол — признак вбросов.',
    en: '{stations} stations by turnout and leader share in 1 % cells. A clean election is one blob; a smear towards the top right corner is the mark of stuffing.',
  },
  'forensics.axisTurnout': { kk: 'Келу, %', ru: 'Явка, %', en: 'Turnout, %' },
  'forensics.axisLeader': { kk: 'Көшбасшы үлесі, %', ru: 'Доля лидера, %', en: 'Leader share, %' },
  'forensics.integerTitle': {
    kk: 'Бүтін пайыздар (Кобак, Шпилькин, Пшеничников, 2016)',
    ru: 'Целые проценты (Кобак, Шпилькин, Пшеничников, 2016)',
    en: 'Integer percentages (Kobak, Shpilkin & Pshenichnikov, 2016)',
  },
  'forensics.integerText': {
    kk: 'Келуі немесе көшбасшы үлесі бүтін пайызға (±0,05) тең учаскелер: {stations} учаске, биномдық Монте-Карлоның {runs} қайталауымен салыстырылған (бастапқы мән {seed}).',
    ru: 'Участки, где явка или доля лидера — целый процент (±0,05): {stations} участков против биномиального Монте-Карло из {runs} прогонов (зерно {seed}).',
    en: 'Stations whose turnout or leader share is a whole percent (±0.05): {stations} stations against a binomial Monte Carlo of {runs} runs (seed {seed}).',
  },
  'forensics.observed': { kk: 'Байқалды', ru: 'Наблюдается', en: 'Observed' },
  'forensics.expected': { kk: 'Күтілді', ru: 'Ожидается', en: 'Expected' },
  'forensics.excess': { kk: 'Артығы', ru: 'Избыток', en: 'Excess' },
  'forensics.sd': { kk: 'Стандартты ауытқу', ru: 'Ст. отклонение', en: 'SD' },
  'forensics.z': { kk: 'z', ru: 'z', en: 'z' },
  'forensics.turnout': { kk: 'Келу', ru: 'Явка', en: 'Turnout' },
  'forensics.leaderShare': { kk: 'Көшбасшы үлесі', ru: 'Доля лидера', en: 'Leader share' },
  'forensics.either': { kk: 'Екеуінің бірі', ru: 'Любое из двух', en: 'Either' },
  'forensics.shpilkinTitle': {
    kk: 'Келу шыңы бойынша Шпилькин бағасы',
    ru: 'Оценка Шпилькина по пику явки',
    en: "Shpilkin's turnout-peak estimate",
  },
  'forensics.shpilkinText': {
    kk: 'Басқалардың дауыстары ең көп болған келу: {bin} %; онда көшбасшы / басқалар = {ratio}. Одан жоғары келуде осы қатынастан артық көшбасшы дауыстары: {votes}. «Таза» көшбасшы үлесі {clean} (ресми {share}).',
    ru: 'Явка, на которую приходится больше всего голосов за остальных: {bin} %; там лидер / остальные = {ratio}. Голосов лидера сверх этого соотношения при более высокой явке: {votes}. «Чистая» доля лидера {clean} (официально {share}).',
    en: "The turnout where most of the others' votes are: {bin} %; there, leader / others = {ratio}. Leader votes beyond that ratio at higher turnout: {votes}. Clean leader share {clean} (reported {share}).",
  },
  'forensics.histogramCaption': {
    kk: 'Келудің 1 %-дық бөліктері: қызыл — көшбасшы дауыстары, сұр — басқалар, қара сызық — модальді бөліктегі қатынас бойынша көшбасшы.',
    ru: 'Явка по 1 %: красным — голоса лидера, серым — остальных, чёрная черта — лидер по соотношению модальной ячейки.',
    en: "Turnout in 1 % bins: red the leader's votes, grey the others', the black tick the leader at the modal bin's ratio.",
  },
  'forensics.digitsTitle': { kk: 'Цифр тесттері', ru: 'Тесты цифр', en: 'Digit tests' },
  'forensics.weakScreen': {
    kk: 'Әлсіз скрининг: дауыс сандары ешбір цифр заңына бағынуға міндетті емес, сондықтан ауытқу — дәлел емес.',
    ru: 'Слабый скрининг: числа голосов не обязаны следовать закону цифр, отклонение — не доказательство.',
    en: 'Weak screens: vote counts need follow no law of digits, so a deviation is not evidence.',
  },
  'forensics.secondDigit': { kk: 'Екінші цифр (Бенфорд)', ru: 'Вторая цифра (Бенфорд)', en: 'Second digit (Benford)' },
  'forensics.lastDigit': {
    kk: 'Соңғы цифр (біркелкі)',
    ru: 'Последняя цифра (равномерно)',
    en: 'Last digit (uniform)',
  },
  'forensics.seriesLeader': { kk: 'көшбасшы дауыстары', ru: 'голоса лидера', en: "the leader's votes" },
  'forensics.seriesAll': { kk: 'барлық тізімдердің дауыстары', ru: 'голоса всех списков', en: "every list's votes" },
  'forensics.flagsTitle': {
    kk: 'Белгіленген учаскелер: {count}',
    ru: 'Отмеченные участки: {count}',
    en: 'Flagged stations: {count}',
  },
  'forensics.station': { kk: 'Учаске', ru: 'Участок', en: 'Station' },
  'forensics.reasons': { kk: 'Себебі', ru: 'Причины', en: 'Why' },
  'forensics.reason.high': {
    kk: 'келу {turnout} және көшбасшы {share}, екеуі де ≥ {threshold} %',
    ru: 'явка {turnout} и лидер {share}, обе ≥ {threshold} %',
    en: 'turnout {turnout} and leader {share}, both ≥ {threshold} %',
  },
  'forensics.reason.identical': {
    kk: 'хаттама {other} учаскесінікімен бірдей',
    ru: 'протокол совпадает с участком {other}',
    en: 'protocol identical to station {other}',
  },
  'forensics.reason.relation': {
    kk: 'бақылау қатынастары бұзылған: {codes}',
    ru: 'нарушены контрольные соотношения: {codes}',
    en: 'control relations broken: {codes}',
  },
  'forensics.reason.warning': { kk: 'ескертулер: {codes}', ru: 'предупреждения: {codes}', en: 'warnings: {codes}' },
  'forensics.reason.outlier': {
    kk: 'округтегі шеткі мән: {statistic} {value}, медиана {median}, z = {z} > {threshold}',
    ru: 'выброс в округе: {statistic} {value}, медиана {median}, z = {z} > {threshold}',
    en: 'outlier in its district: {statistic} {value}, median {median}, z = {z} > {threshold}',
  },
  'forensics.more': {
    kk: '… тағы {count} (толығы /api/analysis/forensics)',
    ru: '… и ещё {count} (все — в /api/analysis/forensics)',
    en: '… and {count} more (all in /api/analysis/forensics)',
  },
  // Signing in the client: the person's own key in this browser (docs/server.md, "Signing in the client").
  keyTitle: { kk: 'Қолтаңба кілті', ru: 'Ключ подписи', en: 'Signing key' },
  keyMade: {
    kk: 'Сіздің қолтаңба кілтіңіз осы браузерде жасалды және тіркеуді күтіп тұр: тіркелгенше ол ештеңеге қол қоя алмайды.',
    ru: 'Ваш ключ подписи создан в этом браузере и ждёт регистрации: пока его не зарегистрируют, им ничего нельзя подписать.',
    en: 'Your signing key has been made in this browser and is waiting for registration: until it is registered, it can sign nothing.',
  },
  keyCompare: {
    kk: 'Осы саусақ ізін кілтті тіркейтін адаммен телефон арқылы немесе қағазда салыстырыңыз:',
    ru: 'Сверьте этот отпечаток с тем, кто регистрирует ключ, — по телефону или на бумаге:',
    en: 'Compare this fingerprint with the person who registers the key, by phone or on paper:',
  },
  keyReady: {
    kk: 'Сіздің кілтіңіз тіркелген: әрекеттеріңізге осы браузерде өз кілтіңізбен қол қойылады.',
    ru: 'Ваш ключ зарегистрирован: ваши действия подписываются вашим собственным ключом в этом браузере.',
    en: 'Your key is registered: your acts are signed with your own key in this browser.',
  },
  keyFingerprint: { kk: 'Саусақ ізі', ru: 'Отпечаток', en: 'Fingerprint' },
  keyOtherJournal: {
    kk: 'Бұл браузердегі кілт осы сайлаудың басқа журналы үшін жасалған (мысалы, жаттығу үшін): ол мұнда ештеңеге қол қоймайды.',
    ru: 'Ключ в этом браузере создан для другого журнала этих выборов (например, для репетиции): здесь он ничего не подписывает.',
    en: 'The key in this browser was made for another journal of this election (a rehearsal, say): it signs nothing here.',
  },
  keyLost: {
    kk: 'Бұл браузерде сіздің тіркелген кілтіңіз жоқ (браузер деректері тазартылған немесе бұл басқа компьютер): мұнда ештеңеге қол қою мүмкін емес.',
    ru: 'В этом браузере нет вашего зарегистрированного ключа (данные браузера очищены или это другой компьютер): здесь ничего нельзя подписать.',
    en: 'This browser does not hold your registered key (its storage was cleared, or this is another computer): nothing can be signed here.',
  },
  keyLostAdvice: {
    kk: '1) Кілтіңізді тіркеген адамға (ОСК немесе жоғары тұрған комиссия) дереу хабарлаңыз: ескі кілт бөтен қолда болуы мүмкін, оны кері қайтару керек. 2) «Жаңа кілт жасау» түймесін басыңыз. 3) Жаңа саусақ ізін оған оқып беріңіз: ол ескі кілтті кері қайтарғаннан кейін ғана жаңасын тіркей алады.',
    ru: '1) Сразу сообщите тому, кто регистрировал ваш ключ (ЦИК или вышестоящая комиссия): старый ключ может быть в чужих руках, его нужно отозвать. 2) Нажмите «Создать новый ключ». 3) Прочитайте ему новый отпечаток: зарегистрировать новый ключ можно только после отзыва старого.',
    en: '1) Tell whoever registered your key (the CEC or the commission above) at once: the old key may be in someone else\'s hands and must be revoked. 2) Press "Make a new key". 3) Read them the new fingerprint: they can register it only once the old key is revoked.',
  },
  keyReadyAdvice: {
    kk: 'Ештеңе істеудің қажеті жоқ. Компьютер немесе кілт жоғалса не ұрланса, кілтті тіркеген адамға дереу хабарлаңыз.',
    ru: 'Ничего делать не нужно. Если компьютер или ключ потерян или украден, сразу сообщите тому, кто регистрировал ключ.',
    en: 'Nothing to do. If this computer or the key is lost or stolen, tell whoever registered the key at once.',
  },
  keyMakeNew: { kk: 'Жаңа кілт жасау', ru: 'Создать новый ключ', en: 'Make a new key' },
  keyUnsupported: {
    kk: 'Бұл браузер Ed25519 кілтін жасай алмайды: Chromium, Firefox немесе Safari браузерінің жаңа нұсқасын пайдаланыңыз.',
    ru: 'Этот браузер не умеет создавать ключи Ed25519: используйте свежую версию Chromium, Firefox или Safari.',
    en: 'This browser cannot make Ed25519 keys: use a recent version of Chromium, Firefox or Safari.',
  },
  pendingKeysTitle: {
    kk: 'Тіркеуді күтіп тұрған кілттер',
    ru: 'Ключи, ожидающие регистрации',
    en: 'Keys waiting for registration',
  },
  pendingKeysHelp: {
    kk: 'Тіркемес бұрын саусақ ізін кілт иесімен телефон арқылы немесе қағазда салыстырыңыз. Тіркеуге сіздің өз кілтіңізбен қол қойылады.',
    ru: 'Перед регистрацией сверьте отпечаток с владельцем ключа по телефону или на бумаге. Регистрация подписывается вашим собственным ключом.',
    en: 'Before registering, compare the fingerprint with the key holder by phone or on paper. The registration is signed with your own key.',
  },
  pendingKeysNone: { kk: 'Күтіп тұрған кілт жоқ.', ru: 'Ожидающих ключей нет.', en: 'No key is waiting.' },
  keyHolder: { kk: 'Иесі', ru: 'Владелец', en: 'Holder' },
  keyRole: { kk: 'Рөлі', ru: 'Роль', en: 'Role' },
  keySentAt: { kk: 'Жіберілген уақыты', ru: 'Отправлен', en: 'Sent' },
  registerKey: { kk: 'Тіркеу', ru: 'Зарегистрировать', en: 'Register' },
  keyRegistered: {
    kk: '{user} кілті тіркелді.',
    ru: 'Ключ {user} зарегистрирован.',
    en: "{user}'s key is registered.",
  },
  signedWith: {
    kk: 'Сіздің {fingerprint} кілтіңізбен қол қойылды.',
    ru: 'Подписано вашим ключом {fingerprint}.',
    en: 'Signed with your key {fingerprint}.',
  },
  signNoKey: {
    kk: 'Қол қойылмады: бұл браузерде сіздің тіркелген кілтіңіз жоқ.',
    ru: 'Не подписано: в этом браузере нет вашего зарегистрированного ключа.',
    en: 'Not signed: this browser holds no registered key of yours.',
  },
  signWrongDigest: {
    kk: 'Қол қойылмады: сервер берген хэш әрекетке сәйкес келмейді.',
    ru: 'Не подписано: хеш, присланный сервером, не соответствует действию.',
    en: 'Not signed: the digest the server gave does not match the act.',
  },
  signWrongActor: {
    kk: 'Қол қойылмады: әрекет басқа кілттің атынан жазылған.',
    ru: 'Не подписано: действие записано от имени другого ключа.',
    en: 'Not signed: the act is in the name of another key.',
  },
  signWrongType: {
    kk: 'Қол қойылмады: сервер «{expected}» орнына «{got}» әрекетін жіберді.',
    ru: 'Не подписано: сервер прислал действие «{got}» вместо «{expected}».',
    en: 'Not signed: the server sent a "{got}" act instead of "{expected}".',
  },
  signWrongTarget: {
    kk: 'Қол қойылмады: әрекет сіз енгізген {station} учаскесіне және {contest} сайлауына қатысты емес.',
    ru: 'Не подписано: действие не относится к участку {station} и выборам {contest}, которые вы ввели.',
    en: 'Not signed: the act is not about station {station} and contest {contest}, which you typed.',
  },
  signWrongLine: {
    kk: 'Қол қойылмады: әрекетте {row}-жол {got}, ал сіз {typed} енгіздіңіз.',
    ru: 'Не подписано: в действии строка {row} равна {got}, а вы ввели {typed}.',
    en: 'Not signed: in the act, row {row} is {got}, but you typed {typed}.',
  },
  signWrongExtra: {
    kk: 'Қол қойылмады: әрекетте сіз енгізбеген «{row}» жолы бар.',
    ru: 'Не подписано: в действии есть строка «{row}», которую вы не вводили.',
    en: 'Not signed: the act holds the row "{row}", which you did not type.',
  },
  signWrongKey: {
    kk: 'Қол қойылмады: әрекет көрсетілгеннен басқа кілтті немесе адамды тіркейді.',
    ru: 'Не подписано: действие регистрирует не тот ключ или не того человека, что показаны.',
    en: 'Not signed: the act registers another key or person than the one shown.',
  },
  signWrongDecision: {
    kk: 'Қол қойылмады: әрекет сіз таңдаған шешімді айтпайды.',
    ru: 'Не подписано: действие говорит не о том решении, которое вы выбрали.',
    en: 'Not signed: the act does not say the decision you chose.',
  },
  signWrongElection: {
    kk: 'Қол қойылмады: әрекет басқа сайлауға жатады ({got}), осы сайлауға емес.',
    ru: 'Не подписано: действие относится к другим выборам ({got}), а не к этим.',
    en: 'Not signed: the act belongs to another election ({got}), not this one.',
  },
  signWrongJournal: {
    kk: 'Қол қойылмады: бұл кілт осы сайлаудың басқа журналы үшін жасалған (мысалы, жаттығу үшін), ал сервер басқа журналға қол қоюды сұрайды. Жаңа кілт жасап, оны тіркеуге беріңіз; егер журнал ауыспауы керек болса, серверге сенбеңіз және бұл туралы хабарлаңыз.',
    ru: 'Не подписано: этот ключ создан для другого журнала этих выборов (например, для репетиции), а сервер просит подписать действие для другого журнала. Создайте новый ключ и передайте его на регистрацию; если журнал не должен был смениться, не доверяйте серверу и сообщите об этом.',
    en: 'Not signed: this key was made for another journal of this election (a rehearsal, say), and the server asks for a signature in a different journal. Make a new key and have it registered; if the journal should not have changed, do not trust the server and report it.',
  },
  signWrongTime: {
    kk: 'Қол қойылмады: әрекеттің уақыты ({at}) осы компьютердің сағатынан ({now}) {minutes} минуттан көп алшақ. Компьютердің сағатын тексеріңіз; сағат дұрыс болса, серверге сенбеңіз және бұл туралы хабарлаңыз.',
    ru: 'Не подписано: время действия ({at}) отличается от часов этого компьютера ({now}) больше чем на {minutes} минут. Проверьте часы компьютера; если они верны, не доверяйте серверу и сообщите об этом.',
    en: "Not signed: the act's time ({at}) is more than {minutes} minutes from this computer's clock ({now}). Check the computer's clock; if it is right, do not trust the server, and report it.",
  },
  signWrongCount: {
    kk: 'Қол қойылмады: сервер {got} әрекетке қол қоюды сұрады, ал сіздің ісіңіз {expected} әрекет жасайды.',
    ru: 'Не подписано: сервер просит подписать действий: {got}, а ваше решение даёт действий: {expected}.',
    en: 'Not signed: the server asks for {got} acts to be signed, but what you did makes {expected}.',
  },
  signWrongShape: {
    kk: 'Қол қойылмады: сервердің жауабы осы консоль тексере алатын әрекет емес.',
    ru: 'Не подписано: ответ сервера — не то действие, которое эта консоль может проверить.',
    en: 'Not signed: the server answered with something other than an act this console can check.',
  },
  signKeyWaiting: {
    kk: 'Қол қойылмады: сіздің кілтіңіз әлі тіркелмеген. Саусақ ізін тіркейтін адаммен салыстырыңыз (жоғарыдағы «Қолтаңба кілті» бөлімі); тіркелгеннен кейін қайталаңыз.',
    ru: 'Не подписано: ваш ключ ещё не зарегистрирован. Сверьте отпечаток с тем, кто его регистрирует (раздел «Ключ подписи» выше); после регистрации повторите.',
    en: 'Not signed: your key is not registered yet. Compare its fingerprint with whoever registers it (see "Signing key" above), then try again once it is registered.',
  },
  signKeyLost: {
    kk: 'Қол қойылмады: бұл браузерде сіздің тіркелген кілтіңіз жоқ. Жоғарыдағы «Қолтаңба кілті» бөлімін қараңыз.',
    ru: 'Не подписано: в этом браузере нет вашего зарегистрированного ключа. См. раздел «Ключ подписи» выше.',
    en: 'Not signed: this browser does not hold your registered key. See "Signing key" above.',
  },
  signKeyRevoked: {
    kk: 'Қол қойылмады: сіздің кілтіңіз кері қайтарылған. Жоғарыдағы «Қолтаңба кілті» бөлімінде жаңа кілт жасаңыз.',
    ru: 'Не подписано: ваш ключ отозван. Создайте новый ключ в разделе «Ключ подписи» выше.',
    en: 'Not signed: your key has been revoked. Make a new key under "Signing key" above.',
  },
  keyStateLabel: { kk: 'Кілттің күйі', ru: 'Состояние ключа', en: 'Key state' },
  'keyState.none': { kk: 'кілт жоқ', ru: 'ключа нет', en: 'no key' },
  'keyState.pending': { kk: 'тіркеуді күтуде', ru: 'ждёт регистрации', en: 'waiting for registration' },
  'keyState.registered': {
    kk: 'тіркелген, қол қоюға дайын',
    ru: 'зарегистрирован, готов подписывать',
    en: 'registered, ready to sign',
  },
  'keyState.lost': { kk: 'бұл браузерде жоқ', ru: 'нет в этом браузере', en: 'not in this browser' },
  'keyState.revoked': { kk: 'кері қайтарылған', ru: 'отозван', en: 'revoked' },
  keyDetails: { kk: 'Толығырақ', ru: 'Подробнее', en: 'Details' },
  keyNextStep: { kk: 'Не істеу керек', ru: 'Что делать', en: 'What to do' },
  keyWaitingSteps: {
    kk: '1) Кілтті тіркейтін адамға (ОСК немесе жоғары тұрған комиссия) хабарласыңыз. 2) Төмендегі саусақ ізін оған телефон арқылы оқып беріңіз немесе қағазда көрсетіңіз; ол өз экранындағы саусақ ізімен сәйкес келуі керек. 3) Ол тіркегенде, бұл бет өзі жаңарады — ештеңе басудың қажеті жоқ.',
    ru: '1) Свяжитесь с тем, кто регистрирует ключ (ЦИК или вышестоящая комиссия). 2) Прочитайте ему отпечаток ниже по телефону или покажите на бумаге: он должен совпасть с отпечатком на его экране. 3) Когда ключ зарегистрируют, эта страница обновится сама — ничего нажимать не нужно.',
    en: '1) Contact whoever registers your key (the CEC or the commission above). 2) Read them the fingerprint below by phone, or show it on paper: it must match the one on their screen. 3) Once they register it, this page updates by itself — there is nothing to press.',
  },
  keyRevoked: {
    kk: 'Сіздің кілтіңіз кері қайтарылды: ол енді ештеңеге қол қоя алмайды.',
    ru: 'Ваш ключ отозван: им больше ничего нельзя подписать.',
    en: 'Your key has been revoked: it can sign nothing any more.',
  },
  keyRevokedAdvice: {
    kk: 'Жаңа кілт жасаңыз: ол бірінші кілт сияқты тіркеуді күтеді.',
    ru: 'Создайте новый ключ: он будет ждать регистрации, как первый.',
    en: 'Make a new key: it waits for registration like a first one.',
  },
  // End of signing in the client.
  // Witnesses (docs/witness.md): the block that shows who cosigned the log.
  'journalEvent.witness-registered': {
    kk: 'Куәгер тіркелді',
    ru: 'Свидетель зарегистрирован',
    en: 'Witness registered',
  },
  'journalEvent.witness-deregistered': {
    kk: 'Куәгер тіркеуден шығарылды',
    ru: 'Свидетель снят с регистрации',
    en: 'Witness deregistered',
  },
  witnesses: { kk: 'Куәгерлер', ru: 'Свидетели', en: 'Witnesses' },
  witnessesHelp: {
    kk: 'Тәуелсіз бақылаушылар журналдың тек толықтырылатынын тексеріп, оның тексеру нүктесіне қол қояды. Соңғы нүкте {size} жазбаны қамтиды.',
    ru: 'Независимые наблюдатели проверяют, что журнал только дополняется, и заверяют его контрольную точку. Последняя точка охватывает {size} записей.',
    en: 'Independent observers check that the journal only grows and cosign its checkpoint. The latest checkpoint covers {size} entries.',
  },
  witnessesNone: {
    kk: 'Қазір ОСК тіркеген куәгер жоқ.',
    ru: 'Сейчас нет свидетелей, зарегистрированных ЦИК.',
    en: 'No witness registered by the CEC at present.',
  },
  witnessOrganisation: { kk: 'Ұйым', ru: 'Организация', en: 'Organisation' },
  witnessCosignedSize: { kk: 'Қол қойылған өлшем', ru: 'Заверенный размер', en: 'Cosigned size' },
  witnessBehind: { kk: 'Артта қалуы', ru: 'Отставание', en: 'Behind' },
  witnessLast: { kk: 'Соңғы қолтаңба', ru: 'Последняя подпись', en: 'Last cosignature' },
  witnessUpToDate: { kk: 'соңғы нүкте', ru: 'актуально', en: 'up to date' },
  witnessEntriesBehind: { kk: '{count} жазба', ru: '{count} записей', en: '{count} entries' },
  witnessNever: { kk: 'әлі жоқ', ru: 'ещё нет', en: 'not yet' },
  witnessAgo: {
    kk: '{time} ({minutes} мин бұрын)',
    ru: '{time} ({minutes} мин назад)',
    en: '{time} ({minutes} min ago)',
  },
} as const;

export type TextKey = keyof typeof TEXT;

let current: Language = 'kk';

export function language(): Language {
  return current;
}

export function setLanguage(next: Language): void {
  current = next;
  document.documentElement.lang = next;
}

/** The language asked for: `?lang=`, then the last choice, then Kazakh. */
export function initialLanguage(): Language {
  const asked = new URLSearchParams(location.search).get('lang') ?? localStorage.getItem('saylau.lang');
  return (LANGUAGES as readonly string[]).includes(asked ?? '') ? (asked as Language) : 'kk';
}

export function t(key: TextKey, params: Readonly<Record<string, string | number>> = {}): string {
  return TEXT[key][current].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/**
 * Counts in the reader's language (`3 430 707` in kk and ru), by the one formatting module the CLI
 * and the server use too (docs/formatting.md); decimal strings (sums past 2^53) go through BigInt.
 */
export function formatCount(value: number | string | bigint): string {
  return formatCountIn(typeof value === 'string' ? BigInt(value) : value, current);
}

/**
 * numerator/denominator as a percentage, rounded as the CEC publishes (half up); a share below one
 * of `thresholdPercents` (5 for 5 %) is never shown at or above it, nor the reverse. `—` for 0/0.
 * Display only: the outcome is decided by exact arithmetic on the server.
 */
export function formatPercent(
  numerator: bigint,
  denominator: bigint,
  digits = 2,
  thresholdPercents: readonly number[] = [],
): string {
  return formatShare(numerator, denominator, current, { digits, thresholds: thresholdPercents.map(percentThreshold) });
}

/** A number with `digits` decimals and the reader's decimal mark (`1 022,0` in kk and ru). */
export function formatNumber(value: number, digits = 0): string {
  return formatDecimal(value, current, digits);
}

/** A fraction of one written as a number (a probability, a share the server sent as a float) in percent. */
export function formatPercentOfOne(value: number, digits = 2, thresholdPercents: readonly number[] = []): string {
  return formatPercentIn(value, current, { digits, thresholds: thresholdPercents.map(percentThreshold) });
}

/** A moment in words, on the reader's clock: `2026 жылғы 2 желтоқсан, 16:40:05`. */
export function formatTime(date: Date): string {
  return formatDateTime(date, current, { seconds: true });
}

/** A calendar day (`1970-01-01`) or a moment's day, in words: `1970 жылғы 1 қаңтар`. */
export function formatDay(value: Date | string): string {
  return formatDate(value, current);
}

/** A name in the reader's language; candidates have Kazakh, Russian and a Latin transliteration. */
export function nameOf(name: Readonly<Partial<Record<Language | 'latin', string>>>): string {
  return name[current] ?? name.latin ?? name.kk ?? '';
}
