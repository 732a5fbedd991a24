import type { Language } from './language.ts';
import { fillTemplate } from './template.ts';

export type Translations = Readonly<Record<Language, string>>;

/**
 * Every message a person can be shown for an error or a refusal, by stable code, in Kazakh,
 * Russian and English. `{name}` is replaced by a parameter. Codes never change meaning; new
 * situations get new codes.
 */
export const MESSAGES = {
  INPUT_FILE_UNREADABLE: {
    kk: 'Файлды оқу мүмкін емес: {path}',
    ru: 'Не удаётся прочитать файл: {path}',
    en: 'Cannot read the file: {path}',
  },
  INPUT_NOT_JSON: {
    kk: 'Құжат JSON емес: {detail}',
    ru: 'Документ не является JSON: {detail}',
    en: 'The document is not JSON: {detail}',
  },
  INPUT_MISSING_FIELD: {
    kk: '«{field}» өрісі міндетті, бірақ жоқ',
    ru: 'Обязательное поле «{field}» отсутствует',
    en: 'The required field "{field}" is missing',
  },
  INPUT_WRONG_TYPE: {
    kk: '«{field}» өрісінің түрі қате: {expected} күтілді',
    ru: 'Неверный тип поля «{field}»: ожидается {expected}',
    en: 'The field "{field}" has the wrong type: expected {expected}',
  },
  INPUT_INVALID_VALUE: {
    kk: '«{field}» өрісінің мәні жарамсыз: {expected} күтілді',
    ru: 'Недопустимое значение поля «{field}»: ожидается {expected}',
    en: 'The field "{field}" has an invalid value: expected {expected}',
  },
  INPUT_NOT_INTEGER: {
    kk: '«{field}» бүтін сан болуы керек ({value} берілді)',
    ru: '«{field}» должно быть целым числом (дано {value})',
    en: '"{field}" must be a whole number (got {value})',
  },
  INPUT_NEGATIVE: {
    kk: '«{field}» теріс бола алмайды ({value} берілді)',
    ru: '«{field}» не может быть отрицательным (дано {value})',
    en: '"{field}" cannot be negative (got {value})',
  },
  INPUT_UNSAFE_INTEGER: {
    kk: '«{field}» тым үлкен: 9007199254740991-ден аспауы керек ({value} берілді)',
    ru: '«{field}» слишком велико: не более 9007199254740991 (дано {value})',
    en: '"{field}" is too large: at most 9007199254740991 (got {value})',
  },
  INPUT_ZERO_SEATS: {
    kk: 'Мандаттар саны нөлден үлкен болуы керек',
    ru: 'Число мандатов должно быть больше нуля',
    en: 'The number of seats must be greater than zero',
  },
  INPUT_EMPTY: {
    kk: '«{field}» бос болмауы керек',
    ru: '«{field}» не может быть пустым',
    en: '"{field}" cannot be empty',
  },
  INPUT_DUPLICATE_ID: {
    kk: '«{id}» идентификаторы қайталанады',
    ru: 'Идентификатор «{id}» повторяется',
    en: 'The id "{id}" appears more than once',
  },
  INPUT_DUPLICATE_REGISTRATION_ORDER: {
    kk: 'Тіркелу реті {value} екі тізімге берілген',
    ru: 'Порядок регистрации {value} указан у двух списков',
    en: 'Registration order {value} is given to two lists',
  },
  INPUT_UNKNOWN_RULE_SET: {
    kk: '«{value}» деген ереже жиынтығы жоқ; барлары: {known}',
    ru: 'Набор правил «{value}» неизвестен; известны: {known}',
    en: 'There is no rule set "{value}"; known: {known}',
  },
  INPUT_OUT_OF_RANGE: {
    kk: '«{field}» мәні {minimum} мен {maximum} аралығында болуы керек ({value} берілді)',
    ru: 'Значение «{field}» должно быть от {minimum} до {maximum} (дано {value})',
    en: '"{field}" must be between {minimum} and {maximum} (got {value})',
  },
  INPUT_QUOTA_WITH_DIVISOR: {
    kk: 'Квота тек ең үлкен қалдықтар әдісімен беріледі, «{method}» әдісімен емес',
    ru: 'Квота задаётся только для метода наибольших остатков, не для «{method}»',
    en: 'A quota goes only with largest remainders, not with "{method}"',
  },
  INPUT_REQUIRED_FOR_BASE: {
    kk: 'Кедергі негізі «{base}» болғанда «{field}» өрісі міндетті',
    ru: 'Для базы барьера «{base}» обязательно поле «{field}»',
    en: 'The threshold base "{base}" needs the field "{field}"',
  },
  INPUT_UNKNOWN_ID: {
    kk: '«{id}» құжатта жоқ',
    ru: '«{id}» нет в документе',
    en: '"{id}" is not in the document',
  },
  INPUT_PARTICIPANTS_BELOW_BALLOTS: {
    kk: 'Бюллетень алған сайлаушылар ({value}) жәшіктерден табылған бюллетеньдерден ({ballots}) аз болмауы керек',
    ru: 'Число получивших бюллетени ({value}) не может быть меньше числа бюллетеней в ящиках ({ballots})',
    en: 'Voters who received a ballot ({value}) cannot be fewer than the ballots found in the boxes ({ballots})',
  },
  INPUT_INVALID_DATE: {
    kk: '«{field}» ЖЖЖЖ-АА-КК пішіміндегі нақты күн болуы керек ({value} берілді)',
    ru: '«{field}» должно быть существующей датой в формате ГГГГ-ММ-ДД (дано {value})',
    en: '"{field}" must be a real date written YYYY-MM-DD (got {value})',
  },
  INPUT_INVALID_NAME: {
    kk: '«{field}» адамның аты-жөні болуы керек: әріптен басталады, тек әріптер, бос орын, дефис, апостроф және нүкте, {max} таңбадан аспайды ({value} берілді)',
    ru: '«{field}» должно быть именем человека: начинается с буквы, только буквы, пробелы, дефисы, апострофы и точки, не длиннее {max} знаков (дано {value})',
    en: '"{field}" must be a person\'s name: beginning with a letter, only letters, spaces, hyphens, apostrophes and full stops, at most {max} characters (got {value})',
  },
  INPUT_INVALID_NOMINATOR: {
    kk: '«{field}» ұсынған партия немесе қоғамдық бірлестік атауы болуы керек: әріптен, цифрдан немесе тырнақшадан басталады, басқару таңбаларынсыз, 300 таңбадан аспайды ({value} берілді)',
    ru: '«{field}» должно быть названием выдвинувшей партии или общественного объединения: начинается с буквы, цифры или кавычки, без управляющих символов, не длиннее 300 знаков (дано {value})',
    en: '"{field}" must be the name of the nominating party or public association: beginning with a letter, a digit or a quotation mark, without control characters, at most 300 characters (got {value})',
  },
  INPUT_NUL_CHARACTER: {
    kk: '«{field}» NUL таңбасын (U+0000) қамтиды: мәтінде оған орын жоқ',
    ru: '«{field}» содержит символ NUL (U+0000): в тексте ему не место',
    en: '"{field}" holds a NUL character (U+0000), which has no place in text',
  },
  INPUT_EXCEEDS: {
    kk: '«{field}» ({value}) «{limitField}» мәнінен ({limit}) аспауы керек',
    ru: '«{field}» ({value}) не может превышать «{limitField}» ({limit})',
    en: '"{field}" ({value}) cannot exceed "{limitField}" ({limit})',
  },
  CLI_USAGE: {
    kk: 'Команда дұрыс берілмеген: {detail}. Көмек: saylau --help',
    ru: 'Неверный вызов команды: {detail}. Справка: saylau --help',
    en: 'Wrong command usage: {detail}. Help: saylau --help',
  },
  INTERNAL_ERROR: {
    kk: 'Ішкі қате: {detail}. Бұл бағдарламадағы ақау, хабарлаңыз',
    ru: 'Внутренняя ошибка: {detail}. Это дефект программы, сообщите о нём',
    en: 'Internal error: {detail}. This is a defect in saylau; please report it',
  },

  PROTOCOL_ISSUED_EXCEEDS_LIST: {
    kk: 'Берілген бюллетеньдер (3 + 4) тізімдегі сайлаушылардан (1) көп',
    ru: 'Выдано бюллетеней (3 + 4) больше, чем избирателей в списке (1)',
    en: 'More ballots issued (3 + 4) than voters on the list (1)',
  },
  PROTOCOL_BALLOT_BALANCE: {
    kk: 'Бюллетеньдер теңгерімі сақталмаған: 2 + U ≠ 3 + 4 + 6 + L',
    ru: 'Не сходится баланс бюллетеней: 2 + U ≠ 3 + 4 + 6 + L',
    en: 'The ballot balance does not hold: 2 + U ≠ 3 + 4 + 6 + L',
  },
  PROTOCOL_VOTE_BALANCE: {
    kk: 'Дауыстар теңгерімі сақталмаған: 7 + 8 ≠ 9 + 10… + A',
    ru: 'Не сходится баланс голосов: 7 + 8 ≠ 9 + 10… + A',
    en: 'The vote balance does not hold: 7 + 8 ≠ 9 + 10… + A',
  },
  PROTOCOL_FOUND_EXCEEDS_ISSUED: {
    kk: 'Жәшіктерден табылған бюллетеньдер (7 + 8) берілгеннен (3 + 4) көп',
    ru: 'Бюллетеней в ящиках (7 + 8) больше, чем выдано (3 + 4)',
    en: 'More ballots in the boxes (7 + 8) than were issued (3 + 4)',
  },
  PROTOCOL_MOBILE_EXCEEDS_OUTSIDE: {
    kk: 'Көшпелі жәшіктердегі бюллетеньдер (8) үй-жайдан тыс берілгеннен (4) көп',
    ru: 'Бюллетеней в переносных ящиках (8) больше, чем выдано вне помещения (4)',
    en: 'More ballots in the mobile boxes (8) than were issued outside the premises (4)',
  },
  PROTOCOL_ABSENTEE_EXCEEDS_ISSUED: {
    kk: 'Сырттай дауыс беру куәлігімен дауыс бергендер (5) берілген бюллетеньдерден (3 + 4) көп',
    ru: 'Проголосовавших по открепительным удостоверениям (5) больше, чем выдано бюллетеней (3 + 4)',
    en: 'More absentee-certificate voters (5) than ballots issued (3 + 4)',
  },
  PROTOCOL_UNKNOWN_OPTION: {
    kk: 'Хаттамада бұл сайлауда тіркелмеген нұсқа бар: {option}',
    ru: 'В протоколе есть позиция, не зарегистрированная в этих выборах: {option}',
    en: 'The protocol has an option not registered in this contest: {option}',
  },
  PROTOCOL_MISSING_OPTION: {
    kk: 'Хаттамада тіркелген нұсқаның жолы жоқ: {option}',
    ru: 'В протоколе нет строки зарегистрированной позиции: {option}',
    en: 'The protocol lacks the line of a registered option: {option}',
  },
  PROTOCOL_BALLOTS_TAKEN_AWAY: {
    kk: 'Берілген бюллетеньдердің едәуір бөлігі жәшіктерден табылмады (3 + 4 − (7 + 8))',
    ru: 'Значительная часть выданных бюллетеней не найдена в ящиках (3 + 4 − (7 + 8))',
    en: 'A large share of the ballots issued was not found in the boxes (3 + 4 − (7 + 8))',
  },
  PROTOCOL_INVALID_SHARE_HIGH: {
    kk: 'Жарамсыз бюллетеньдердің үлесі жоғары (9)',
    ru: 'Высокая доля недействительных бюллетеней (9)',
    en: 'A high share of invalid ballots (9)',
  },
  SERVE_ADDRESS_IN_USE: {
    kk: '{address} мекенжайы бос емес: оны басқа бағдарлама (мүмкін, басқа saylau) тыңдап тұр. Басқа портты таңдаңыз (--port)',
    ru: 'Адрес {address} занят: его уже слушает другая программа (возможно, другой saylau). Выберите другой порт (--port)',
    en: 'The address {address} is taken: another program (another saylau, perhaps) listens on it. Choose another port (--port)',
  },
  SERVE_ADDRESS_UNAVAILABLE: {
    kk: '{address} мекенжайын тыңдауға болмайды: 1024-тен төмен порт артықшылықтарды талап етеді немесе хост бұл компьютерге жатпайды',
    ru: 'Адрес {address} нельзя слушать: порт ниже 1024 требует привилегий, или хост не принадлежит этому компьютеру',
    en: 'The address {address} cannot be listened on: a port below 1024 needs privileges, or the host is not this computer’s',
  },
  TURNOUT_RECEIVED_EXCEEDS_LIST: {
    kk: 'Бюллетень алғандар ({received}) тізімдегі сайлаушылардан ({list}) көп',
    ru: 'Получивших бюллетени ({received}) больше, чем избирателей в списке ({list})',
    en: 'More voters received a ballot ({received}) than are on the list ({list})',
  },
  TURNOUT_DECREASED: {
    kk: 'Бюллетень алғандар саны күн ішінде азаймайды, ал мұнда {received}, сағат {at} кезінде — {other}',
    ru: 'Число получивших бюллетени в течение дня не уменьшается, а здесь {received}, на {at} — {other}',
    en: 'The number who received a ballot never goes down through the day, yet it is {received} here and {other} at {at}',
  },
  TURNOUT_EXCEEDS_PROTOCOL: {
    kk: 'Бюллетень алғандар ({received}) қорытынды хаттамадағы берілген бюллетеньдерден (3 + 4 = {issued}) көп',
    ru: 'Получивших бюллетени ({received}) больше, чем выдано бюллетеней по итоговому протоколу (3 + 4 = {issued})',
    en: 'More voters received a ballot ({received}) than the final protocol says were issued (3 + 4 = {issued})',
  },
  TURNOUT_CLOSE_DIFFERS_FROM_PROTOCOL: {
    kk: 'Сағат 20:00-дегі есеп ({received}) хаттамаға (3 + 4 = {issued}) сәйкес келмейді',
    ru: 'Данные на 20:00 ({received}) не совпадают с протоколом (3 + 4 = {issued})',
    en: 'The 20:00 report ({received}) differs from the protocol (3 + 4 = {issued})',
  },
  TURNOUT_CORRECTION_NEEDS_REASON: {
    kk: '{station} учаскесінің сағат {hour} есебі бар: оны түзету үшін себебін жазыңыз (--reason)',
    ru: 'Сведения участка {station} на {hour} уже есть: чтобы исправить их, укажите причину (--reason)',
    en: 'Station {station} has reported for {hour} already: a correction needs a reason (--reason)',
  },
  TURNOUT_REASON_TOO_LONG: {
    kk: 'Түзетудің себебі тым ұзын: {length} таңба, ең көбі {max}',
    ru: 'Причина исправления слишком длинная: {length} знаков, не более {max}',
    en: 'The reason for the correction is too long: {length} characters, at most {max}',
  },
  TURNOUT_LIST_DIFFERS_FROM_PROTOCOL: {
    kk: 'Сағат 20:00-дегі тізім ({list}) хаттаманың 1-жолынан ({protocol}) өзгеше',
    ru: 'Список на 20:00 ({list}) отличается от строки 1 протокола ({protocol})',
    en: 'The list at 20:00 ({list}) differs from line 1 of the protocol ({protocol})',
  },
  OBSERVER_ALREADY_ACCREDITED: {
    kk: '«{id}» аккредиттеуі журналда бар және басқаша: аккредиттеу өзгертілмейді, жаңасын басқа белгімен беріңіз',
    ru: 'Аккредитация «{id}» уже есть в журнале и она другая: аккредитация не меняется, выдайте новую под другим кодом',
    en: 'The accreditation "{id}" is in the journal already, and differs: an accreditation is not changed; give a new one another id',
  },
  OBSERVER_ACCREDITOR_NOT_COMMISSION: {
    kk: '«{id}» бақылаушысын тек комиссия немесе оның төрағасы аккредиттей алады, бұл кілт ешбір комиссия атынан әрекет етпейді',
    ru: 'Аккредитовать наблюдателя «{id}» может только комиссия или её председатель, а этот ключ не действует от имени комиссии',
    en: 'Only a commission or its chair accredits an observer ("{id}"), and this key acts for no commission',
  },
  OBSERVER_IS_COMMISSION_MEMBER: {
    kk: '«{id}» кілті комиссияныкі ({role}): комиссия мүшесі бақылаушы бола алмайды',
    ru: 'Ключ «{id}» принадлежит комиссии ({role}): член комиссии не может быть наблюдателем',
    en: 'The key of "{id}" is a commission’s ({role}): a member of a commission may not observe',
  },
  OBSERVER_KEY_NOT_OBSERVER: {
    kk: '«{id}» кілті бақылаушы ретінде тіркелмеген, оның рөлі — {role}',
    ru: 'Ключ «{id}» зарегистрирован не как ключ наблюдателя, его роль — {role}',
    en: 'The key of "{id}" is not registered as an observer’s; its role is {role}',
  },
  OBSERVER_KEY_ALREADY_ACCREDITED: {
    kk: '«{id}» кілті «{other}» аккредиттеуінде тұр: бір кілт — бір аккредиттеу',
    ru: 'Ключ «{id}» уже указан в аккредитации «{other}»: один ключ — одна аккредитация',
    en: 'The key of "{id}" already holds the accreditation "{other}": one key, one accreditation',
  },
  OBSERVER_IS_CANDIDATE: {
    kk: '«{id}» бақылаушысы — осы сайлаудағы тіркелген кандидат: кандидат бақылаушы бола алмайды',
    ru: 'Наблюдатель «{id}» — зарегистрированный кандидат на этих выборах: кандидат не может быть наблюдателем',
    en: 'The observer "{id}" is a registered candidate of this election: a candidate may not observe',
  },
  OBSERVER_SENDER_NOT_ENTITLED: {
    kk: '«{id}» бақылаушысын «{sender}» {senderId} жібере алмайды: партия мен кандидат осы сайлауға қатысуы керек, халықаралық миссияны тек ОСК аккредиттейді',
    ru: 'Наблюдателя «{id}» не может направить «{sender}» {senderId}: партия и кандидат должны участвовать в этих выборах, международную миссию аккредитует только ЦИК',
    en: 'The observer "{id}" cannot be sent by "{sender}" {senderId}: a party or candidate must stand in this election, and only the CEC accredits an international mission',
  },
  OBSERVER_SCOPE_OUTSIDE_COMMISSION: {
    kk: '«{id}» аккредиттеуі {commission} комиссиясының аумағынан шығады: ел бойынша аккредиттеуді тек ОСК береді',
    ru: 'Аккредитация «{id}» выходит за территорию комиссии {commission}: на всю страну аккредитует только ЦИК',
    en: 'The accreditation "{id}" reaches beyond the commission {commission}: only the CEC accredits for the whole country',
  },
  OBSERVER_TERM_INVALID: {
    kk: '«{id}» аккредиттеуінің мерзімі ({from} – {until}) сайлау күнін ({date}) қамтуы керек',
    ru: 'Срок аккредитации «{id}» ({from} – {until}) должен включать день выборов ({date})',
    en: 'The term of the accreditation "{id}" ({from} – {until}) must include election day ({date})',
  },
  OBSERVER_ACCREDITATION_LATE: {
    kk: 'Халықаралық бақылаушыларды аккредиттеу {deadline} (UTC) жабылды: «{id}» кеш',
    ru: 'Аккредитация международных наблюдателей закрылась {deadline} (UTC): «{id}» подана поздно',
    en: 'The accreditation of international observers closed at {deadline} (UTC): "{id}" is late',
  },
  OBSERVER_NOT_ACCREDITED: {
    kk: '«{id}» аккредиттеуі жоқ немесе {fingerprint} кілтіне тиесілі емес',
    ru: 'Аккредитации «{id}» нет, или она не принадлежит ключу {fingerprint}',
    en: 'There is no accreditation "{id}", or it is not the key {fingerprint}’s',
  },
  OBSERVER_OUT_OF_SCOPE: {
    kk: '{station} учаскесі «{id}» аккредиттеуінің аумағына кірмейді',
    ru: 'Участок {station} не входит в аккредитацию «{id}»',
    en: 'The station {station} is outside the accreditation "{id}"',
  },
  OBSERVER_OUT_OF_TERM: {
    kk: '«{id}» аккредиттеуі {day} күні жарамсыз (мерзімі {until} дейін)',
    ru: 'Аккредитация «{id}» не действует {day} (срок — по {until})',
    en: 'The accreditation "{id}" does not hold on {day} (its term runs to {until})',
  },
  OBSERVER_SAMPLE_ALREADY_DRAWN: {
    kk: '«{id}» {contest} үшін іріктемені жасап қойған және ол басқаша: іріктеме бір рет жасалады',
    ru: '«{id}» уже сделал выборку для {contest}, и она другая: выборка делается один раз',
    en: '"{id}" has drawn a sample for {contest} already, and it differs: a sample is drawn once',
  },
  OBSERVER_SAMPLE_AFTER_COUNT: {
    kk: '«{id}» {contest} үшін іріктемені кеш жасады: журналда ресми хаттама бар, іріктеме одан бұрын жасалуы керек',
    ru: '«{id}» делает выборку для {contest} слишком поздно: в журнале уже есть официальный протокол, выборка делается до него',
    en: '"{id}" draws a sample for {contest} too late: an official protocol is in the journal already, and a sample comes before it',
  },
  OBSERVER_SEEN_AFTER_REPORTED: {
    kk: '«{id}»: оқиға {observedAt} көрілді деп жазылған, бұл хабарлаудан кейін',
    ru: '«{id}»: нарушение якобы замечено {observedAt}, то есть позже, чем о нём сообщено',
    en: '"{id}": the report says it was seen at {observedAt}, after it was reported',
  },
  OBSERVER_COPY_ALREADY_ENTERED: {
    kk: '«{id}» {station} учаскесінің {contest} хаттамасының көшірмесін енгізіп қойған және ол басқаша: көшірме бір рет беріледі',
    ru: '«{id}» уже внёс копию протокола {contest} участка {station}, и она другая: копия выдаётся один раз',
    en: '"{id}" has entered a copy of the {contest} protocol of station {station} already, and it differs: a copy is handed over once',
  },
  COMPLAINT_ALREADY_FILED: {
    kk: '«{id}» шағымы журналда бар және басқаша: шағым өзгертілмейді',
    ru: 'Жалоба «{id}» уже есть в журнале, и она другая: жалоба не меняется',
    en: 'The complaint "{id}" is in the journal already, and differs: a complaint is not changed',
  },
  COMPLAINT_STATION_OUTSIDE_COMMISSION: {
    kk: '«{id}»: {station} учаскесі {commission} комиссиясына бағынбайды',
    ru: '«{id}»: участок {station} не относится к комиссии {commission}',
    en: '"{id}": the station {station} is not under the commission {commission}',
  },
  COMPLAINT_NO_DECIDING_COMMISSION: {
    kk: '«{id}»: {commission} комиссиясына шағымды сот қарайды, жүйедегі комиссия емес',
    ru: '«{id}»: жалобу на комиссию {commission} рассматривает суд, а не комиссия в системе',
    en: '"{id}": a complaint against {commission} goes to a court, not to a commission in the system',
  },
  COMPLAINT_NOT_RECEIVER: {
    kk: '«{id}» шағымын {commission} комиссиясы (немесе одан жоғарғысы) тіркейді, не бақылаушы өз атынан береді',
    ru: 'Жалобу «{id}» регистрирует комиссия {commission} (или вышестоящая), либо наблюдатель подаёт её от своего имени',
    en: 'The complaint "{id}" is registered by the commission {commission} (or one above it), or filed by an observer in their own name',
  },
  COMPLAINT_COMPLAINANT_UNKNOWN: {
    kk: '«{id}»: шағым берушінің түрі «{kind}» мен сілтемесі «{ref}» сәйкес емес (кандидат пен партия осы сайлаудан болуы керек, жеке тұлғада сілтеме болмайды)',
    ru: '«{id}»: вид заявителя «{kind}» и ссылка «{ref}» не сходятся (кандидат и партия должны быть из этих выборов, у частного лица ссылки нет)',
    en: '"{id}": the complainant kind "{kind}" and reference "{ref}" do not agree (a candidate or party must be of this election; a private person has no reference)',
  },
  COMPLAINT_FILED_AFTER_RECORDED: {
    kk: '«{id}» шағымы {filedAt} берілді деп жазылған, ал ол {at} тіркелді: шағым тіркелгеннен кейін берілмейді',
    ru: 'Жалоба «{id}» подана якобы {filedAt}, а зарегистрирована {at}: жалобу не подают после регистрации',
    en: 'The complaint "{id}" says it was filed at {filedAt}, but it is registered at {at}: a complaint is not filed after it is registered',
  },
  COMPLAINT_UNKNOWN: {
    kk: '«{id}» шағымы журналда жоқ',
    ru: 'Жалобы «{id}» нет в журнале',
    en: 'There is no complaint "{id}" in the journal',
  },
  COMPLAINT_ALREADY_DECIDED: {
    kk: '«{id}» шағымы бойынша шешім бар және ол басқаша: шешім өзгертілмейді, жоғары органға шағымданыңыз',
    ru: 'По жалобе «{id}» уже есть другое решение: решение не меняется, его обжалуют в вышестоящем органе',
    en: 'The complaint "{id}" has another decision already: a decision is not changed; it is appealed above',
  },
  COMPLAINT_NOT_DECIDER: {
    kk: '«{id}» шағымы бойынша шешімді {commission} комиссиясы (немесе одан жоғарғысы) қабылдайды',
    ru: 'Решение по жалобе «{id}» принимает комиссия {commission} (или вышестоящая)',
    en: 'The decision on the complaint "{id}" is the commission {commission}’s (or one above it)',
  },
  COMPLAINT_REJECTED_WITH_CONSEQUENCES: {
    kk: '«{id}»: қабылданбаған шағым қайта санауды да, күшін жоюды да тағайындамайды',
    ru: '«{id}»: отклонённая жалоба не назначает ни пересчёта, ни отмены итогов',
    en: '"{id}": a rejected complaint orders neither a recount nor an annulment',
  },
  VIOLATION_NOT_CEC: {
    kk: '«{id}» әкімшілік ісін ОСК енгізеді (құзыретті органның деректері бойынша)',
    ru: 'Административное дело «{id}» вносит ЦИК (по данным компетентного органа)',
    en: 'The administrative case "{id}" is entered by the CEC (from the competent authority’s report)',
  },
  PROTOCOL_STATION_ANNULLED: {
    kk: '{station} учаскесінің {contest} бойынша нәтижесінің күші жойылған: жаңа хаттама қабылданбайды',
    ru: 'Итоги участка {station} по {contest} отменены: новый протокол не принимается',
    en: 'The result of station {station} in {contest} is annulled: no new protocol is taken',
  },
  PROTOCOL_TURNOUT_HIGH: {
    kk: 'Сайлаушылардың келуі 95 %-дан жоғары (3 + 4 ÷ 1)',
    ru: 'Явка избирателей 95 % или выше (3 + 4 ÷ 1)',
    en: 'Turnout of 95 % or more (3 + 4 ÷ 1)',
  },
  PROTOCOL_ROUND_SHARES: {
    kk: 'Әр нұсқаның үлесі бүтін пайыз: дауыстар санатпай жазылғандай (10…, A)',
    ru: 'Доля каждой позиции — целое число процентов, как будто голоса вписаны, а не подсчитаны (10…, A)',
    en: 'Every option holds a whole-percent share, as if written to a target rather than counted (10…, A)',
  },
  DATASET_FILE_MISSING: {
    kk: 'Деректер жиынтығында файл жоқ: {file}',
    ru: 'В наборе данных нет файла: {file}',
    en: 'The dataset lacks the file: {file}',
  },
  DATASET_HASH_MISMATCH: {
    kk: '{file} файлының SHA-256 хэші MANIFEST.json-дағыға сәйкес емес',
    ru: 'SHA-256 файла {file} не совпадает с указанным в MANIFEST.json',
    en: 'The SHA-256 of {file} does not match MANIFEST.json',
  },
  DATASET_SCHEMA: {
    kk: 'Құжат сызбаға сай емес: {detail}',
    ru: 'Документ не соответствует схеме: {detail}',
    en: 'The document does not match the schema: {detail}',
  },
  DATASET_DUPLICATE_ID: {
    kk: '«{id}» идентификаторы қайталанады',
    ru: 'Идентификатор «{id}» повторяется',
    en: 'The id "{id}" appears more than once',
  },
  DATASET_UNKNOWN_REFERENCE: {
    kk: '«{id}» сілтемесі анықтамада жоқ',
    ru: 'Ссылка «{id}» не найдена в определении выборов',
    en: 'The reference "{id}" is not in the election definition',
  },
  DATASET_CONTEST_NOT_AT_STATION: {
    kk: '{station} учаскесі {contest} сайлауының бюллетеньдерін бермейді',
    ru: 'Участок {station} не выдаёт бюллетени по выборам {contest}',
    en: 'Station {station} does not issue ballots of {contest}',
  },
  DATASET_DUPLICATE_PROTOCOL: {
    kk: '{station} учаскесінің {contest} бойынша хаттамасы екі рет берілген',
    ru: 'Протокол участка {station} по {contest} указан дважды',
    en: 'The protocol of station {station} for {contest} appears twice',
  },
  DATASET_DUPLICATE_TURNOUT_REPORT: {
    kk: '{station} учаскесінің сағат {hour} есебі екі рет берілген',
    ru: 'Сведения участка {station} на {hour} указаны дважды',
    en: 'The report of station {station} at {hour} appears twice',
  },
  DATASET_MISSING_PROTOCOL: {
    kk: '{station} учаскесінің {contest} бойынша хаттамасы жоқ',
    ru: 'Нет протокола участка {station} по {contest}',
    en: 'No protocol of station {station} for {contest}',
  },
  DATASET_COPIED_PROTOCOL: {
    kk: 'Хаттама дауыстары {other} учаскесінің хаттамасымен жолма-жол бірдей',
    ru: 'Голоса протокола построчно совпадают с протоколом участка {other}',
    en: 'The votes equal those of station {other} line for line',
  },

  PROTOCOL_MALFORMED: {
    kk: 'Хаттама сызбаға сай емес: {detail}',
    ru: 'Протокол не соответствует схеме: {detail}',
    en: 'The protocol does not match the schema: {detail}',
  },
  PROTOCOL_STALE_VERSION: {
    kk: 'Ескі нұсқа: {version} нұсқасы қабылданған {current} нұсқасынан ескі',
    ru: 'Устаревшая версия: версия {version} старше принятой версии {current}',
    en: 'Stale version: version {version} is older than the accepted version {current}',
  },
  PROTOCOL_VERSION_CONFLICT: {
    kk: '{version} нұсқасы басқа мазмұнмен қабылданған; түзету жаңа нұсқа болуы керек',
    ru: 'Версия {version} уже принята с другим содержанием; исправление должно быть новой версией',
    en: 'Version {version} was accepted with different content; a correction must be a new version',
  },
  STORE_NOT_INITIALISED: {
    kk: 'Дерекқор дайындалмаған: алдымен saylau init орындаңыз',
    ru: 'База данных не создана: сначала выполните saylau init',
    en: 'The database is not initialised: run saylau init first',
  },
  STORE_SCHEMA_NEWER: {
    kk: 'Дерекқор {found} схема нұсқасында, ал бұл saylau тек {supported} нұсқасына дейін біледі: оны жасаған saylau нұсқасымен немесе жаңарағымен ашыңыз (docs/tabulation.md, «Schema versions»)',
    ru: 'База данных имеет версию схемы {found}, а эта версия saylau знает схему только до версии {supported}: откройте её той версией saylau, что её создала, или более новой (docs/tabulation.md, «Schema versions»)',
    en: 'The database is at schema version {found}, but this saylau knows versions up to {supported} only: open it with the saylau that made it, or a newer one (docs/tabulation.md, "Schema versions")',
  },
  STORE_ALREADY_INITIALISED: {
    kk: 'Дерекқорда сайлау бар: {election}',
    ru: 'В базе данных уже есть выборы: {election}',
    en: 'The database already holds an election: {election}',
  },
  STORE_INTEGRITY_JOURNAL: {
    kk: 'Журнал {seq}-жазбада бүлінген: {problem}. Дерекқор сақтық көшірмеден қалпына келтірілмейінше, одан ештеңе жарияланбайды және экспортталмайды (docs/tabulation.md, «Integrity on open»)',
    ru: 'Журнал повреждён в записи {seq}: {problem}. Из этой базы ничего не публикуется и не выгружается, пока она не восстановлена из резервной копии (docs/tabulation.md, «Integrity on open»)',
    en: 'The journal is damaged at entry {seq}: {problem}. Nothing is served or exported from this database until it is restored from a backup (docs/tabulation.md, "Integrity on open")',
  },
  STORE_INTEGRITY_HEAD: {
    kk: 'journal_head {head}-жазбаны көрсетеді, бірақ журнал {seq}-жазбамен аяқталады: дерекқор saylau-ды айналып өзгертілген. Сақтық көшірмеден қалпына келтірілмейінше, одан ештеңе жарияланбайды және экспортталмайды',
    ru: 'journal_head указывает на запись {head}, но журнал заканчивается записью {seq}: база изменена в обход saylau. Из неё ничего не публикуется и не выгружается, пока она не восстановлена из резервной копии',
    en: 'journal_head names entry {head}, but the journal ends at entry {seq}: the database was changed outside saylau. Nothing is served or exported from it until it is restored from a backup',
  },
  STORE_INTEGRITY_PROJECTION: {
    kk: '{table} кестесі журналмен «{key}» жолында сәйкес келмейді: ол saylau-ды айналып өзгертілген. Проекциялар журналдан қайта құрылмайынша ештеңе жарияланбайды және экспортталмайды: saylau rebuild --db …',
    ru: 'Таблица {table} расходится с журналом в строке «{key}»: она изменена в обход saylau. Ничего не публикуется и не выгружается, пока проекции не пересобраны из журнала: saylau rebuild --db …',
    en: 'The table {table} disagrees with the journal at "{key}": it was changed outside saylau. Nothing is served or exported until the projections are rebuilt from the journal: saylau rebuild --db …',
  },
  KEYS_UNREADABLE: {
    kk: 'Кілттер файлын оқу мүмкін емес: {path}',
    ru: 'Не удаётся прочитать файл ключей: {path}',
    en: 'Cannot read the keys file: {path}',
  },

  ENTRY_OUT_OF_SCOPE: {
    kk: '{station} учаскесі {commission} комиссиясына қарамайды: оның хаттамасын енгізу мүмкін емес',
    ru: 'Участок {station} не относится к комиссии {commission}: вводить его протокол нельзя',
    en: 'Station {station} is not under commission {commission}: its protocol cannot be entered here',
  },
  ENTRY_WRONG_VERSION: {
    kk: '{version} нұсқасы күтілмеген: келесі нұсқа {expected}',
    ru: 'Версия {version} не ожидается: следующая версия — {expected}',
    en: 'Version {version} is not expected: the next version is {expected}',
  },
  ENTRY_REASON_REQUIRED: {
    kk: '{version} нұсқасы — түзету немесе қайта санау: себебін көрсетіңіз',
    ru: 'Версия {version} — исправление или пересчёт: укажите причину',
    en: 'Version {version} is a correction or recount: give the reason',
  },
  ENTRY_NOT_OPERATOR: {
    kk: 'Хаттаманы тек комиссияның операторы немесе төрағасы енгізеді',
    ru: 'Протокол вводит только оператор или председатель комиссии',
    en: 'Only an operator or the chair of the commission enters a protocol',
  },
  ENTRY_NOT_CHAIR: {
    kk: 'Бұл әрекетті тек комиссия төрағасы жасай алады',
    ru: 'Это действие может выполнить только председатель комиссии',
    en: 'Only the chair of the commission can do this',
  },
  ENTRY_SAME_OPERATOR: {
    kk: 'Екінші енгізуді басқа оператор жасауы керек',
    ru: 'Второй ввод должен выполнить другой оператор',
    en: 'The second entry must be made by a different operator',
  },
  ENTRY_ALREADY_DOUBLE: {
    kk: 'Хаттама екі рет енгізілген ({state}): енді төраға шешеді',
    ru: 'Протокол уже введён дважды ({state}): теперь решает председатель',
    en: 'The protocol has been entered twice already ({state}): the chair decides now',
  },
  ENTRY_NOT_DOUBLE: {
    kk: 'Қабылдау үшін хаттаманы екі оператор енгізуі керек (қазір: {state})',
    ru: 'Для принятия протокол должны ввести два оператора (сейчас: {state})',
    en: 'Two operators must enter the protocol before it is accepted (now: {state})',
  },
  ENTRY_DIFFERENCES_UNRESOLVED: {
    kk: 'Екі енгізу сәйкес емес: {fields}; төраға шешуі керек',
    ru: 'Два ввода расходятся: {fields}; председатель должен разрешить расхождения',
    en: 'The two entries differ: {fields}; the chair must resolve them',
  },
  ENTRY_NOTHING_TO_RESOLVE: {
    kk: 'Шешетін айырмашылық жоқ (қазір: {state})',
    ru: 'Нет расхождений для разрешения (сейчас: {state})',
    en: 'There are no differences to resolve (now: {state})',
  },
  WARNINGS_NOT_ACKNOWLEDGED: {
    kk: 'Ескертулер расталмаған: {codes}',
    ru: 'Предупреждения не подтверждены: {codes}',
    en: 'Warnings not acknowledged: {codes}',
  },
  USER_UNKNOWN: {
    kk: 'Мұндай пайдаланушы жоқ: {user}',
    ru: 'Нет такого пользователя: {user}',
    en: 'There is no user {user}',
  },

  LOTS_NOT_REQUIRED: {
    kk: '{contest} сайлауында жеребе қажет емес: тең дауыс жоқ',
    ru: 'В выборах {contest} жребий не нужен: равенства нет',
    en: 'No lots are needed in {contest}: there is no tie',
  },
  LOTS_INCOMPLETE: {
    kk: 'Жеребе тең түскендердің бәрін қамтуы керек: {tied}',
    ru: 'Жребий должен охватывать всех с равным результатом: {tied}',
    en: 'The draw must order every tied option: {tied}',
  },
  SUMMARY_INCOMPLETE: {
    kk: 'Жиынтық хаттаманы бекітуге болмайды: {expected} учаскенің {counted} хаттамасы ғана бар',
    ru: 'Сводный протокол нельзя утвердить: есть протоколы {counted} участков из {expected}',
    en: 'The summary cannot be approved: {counted} of {expected} stations are in',
  },
  BODY_NOT_ESTABLISHED: {
    kk: 'Нәтижелерді куәландыруға болмайды: бекітілмеген сайлаулар бар ({contests})',
    ru: 'Итоги нельзя удостоверить: есть неутверждённые выборы ({contests})',
    en: 'The results cannot be certified: some contests are not established ({contests})',
  },

  STORE_UNREACHABLE: {
    kk: 'Дерекқорды ашу немесе оған қосылу мүмкін емес: {db} ({detail})',
    ru: 'Не удаётся открыть базу данных или подключиться к ней: {db} ({detail})',
    en: 'Cannot open or reach the database: {db} ({detail})',
  },
  STORE_BUSY: {
    kk: 'Дерекқор файлын басқа бағдарлама жазып жатыр ({seconds} с күттік); сәлден соң қайталаңыз',
    ru: 'Файл базы данных занят записью другой программы (ждали {seconds} с); повторите позже',
    en: 'Another program is writing the database file (waited {seconds} s); try again shortly',
  },
  KEYS_EXIST: {
    kk: 'Кілттер файлы бар, оның үстіне жазылмайды: {path}',
    ru: 'Файл ключей уже существует и не будет перезаписан: {path}',
    en: 'The keys file exists and will not be overwritten: {path}',
  },

  ELIGIBILITY_NOT_CITIZEN: {
    kk: 'Қазақстан Республикасының азаматы емес',
    ru: 'Не является гражданином Республики Казахстан',
    en: 'Not a citizen of Kazakhstan',
  },
  ELIGIBILITY_UNDER_AGE: {
    kk: 'Сайлау күні ең төменгі жасқа толмаған',
    ru: 'На день выборов не достиг минимального возраста',
    en: 'Below the minimum age on election day',
  },
  ELIGIBILITY_RESIDENCE_TOO_SHORT: {
    kk: 'Қазақстанда соңғы 10 жыл тұрақты тұрмаған',
    ru: 'Не проживает постоянно в Казахстане последние 10 лет',
    en: 'Has not lived in Kazakhstan for the last 10 years',
  },
  ELIGIBILITY_NOT_RESIDENT_IN_REGION: {
    kk: 'Осы өңірде тұрмайды',
    ru: 'Не проживает в данном регионе',
    en: 'Does not live in the region',
  },
  ELIGIBILITY_CRIMINAL_RECORD: {
    kk: 'Өтелмеген немесе алынбаған сотталғандығы бар',
    ru: 'Имеет непогашенную или неснятую судимость',
    en: 'Has an unexpunged criminal record',
  },
  ELIGIBILITY_CORRUPTION_OFFENCE: {
    kk: 'Сыбайлас жемқорлық құқық бұзушылық жасағаны сотпен анықталған',
    ru: 'Судом установлено совершение коррупционного правонарушения',
    en: 'A court has established a corruption offence',
  },
  ELIGIBILITY_LEGALLY_INCAPABLE: {
    kk: 'Сот әрекетке қабілетсіз деп таныған',
    ru: 'Признан судом недееспособным',
    en: 'Declared legally incapable by a court',
  },

  LIST_EMPTY: {
    kk: 'Партиялық тізім бос',
    ru: 'Партийный список пуст',
    en: 'The party list is empty',
  },
  LIST_TOO_LONG: {
    kk: 'Тізімде рұқсат етілгеннен көп кандидат бар (ең көбі {maximum})',
    ru: 'В списке больше кандидатов, чем допускается (не более {maximum})',
    en: 'The list has more candidates than allowed (at most {maximum})',
  },
  LIST_QUOTA_NOT_MET: {
    kk: 'Тізімнің 30 %-ынан азы әйелдер, 29 жасқа толмағандар және мүгедектігі бар адамдар',
    ru: 'Женщины, лица моложе 29 лет и лица с инвалидностью составляют менее 30 % списка',
    en: 'Women, people under 29 and people with disabilities make up less than 30 % of the list',
  },
  LIST_NOT_PARTY_MEMBER: {
    kk: 'Тізімде партия мүшесі емес адамдар бар: {ids}',
    ru: 'В списке есть лица, не являющиеся членами партии: {ids}',
    en: 'The list includes people who are not party members: {ids}',
  },
  LIST_DUPLICATE_PERSON: {
    kk: 'Бір адам тізімде бірнеше рет кездеседі: {ids}',
    ru: 'Одно и то же лицо включено в список несколько раз: {ids}',
    en: 'The same person appears on the list more than once: {ids}',
  },

  MANDATE_NOT_ON_LIST: {
    kk: 'Мандатқа партия тізімінде жоқ адам ұсынылған',
    ru: 'На мандат предложено лицо, которого нет в партийном списке',
    en: 'A mandate is given to someone not on the party list',
  },
  MANDATE_DUPLICATE: {
    kk: 'Бір адамға бірнеше мандат берілген',
    ru: 'Одному лицу передано более одного мандата',
    en: 'The same person is given more than one mandate',
  },
  MANDATE_TOO_MANY: {
    kk: 'Партия алған мандаттардан көп депутат таңдалған',
    ru: 'Выбрано больше депутатов, чем получено мандатов',
    en: 'More deputies are chosen than the party won seats',
  },
  MANDATE_QUOTA_NOT_MET: {
    kk: 'Әйелдерге, 29 жасқа толмағандарға және мүгедектігі бар адамдарға мандаттардың 30 %-ынан азы берілген',
    ru: 'Женщинам, лицам моложе 29 лет и лицам с инвалидностью передано менее 30 % мандатов',
    en: 'Fewer than 30 % of the mandates go to women, people under 29 and people with disabilities',
  },
  NOMINATION_TOO_EARLY: {
    kk: 'Ұсыну кезеңі әлі басталмаған кезде берілді ({at})',
    ru: 'Подано до начала периода выдвижения ({at})',
    en: 'Submitted before the nomination period opened ({at})',
  },
  NOMINATION_TOO_LATE: {
    kk: 'Ұсыну кезеңі аяқталғаннан кейін берілді ({at})',
    ru: 'Подано после окончания периода выдвижения ({at})',
    en: 'Submitted after the nomination period closed ({at})',
  },
  REGISTRATION_TOO_LATE: {
    kk: 'Тіркеу мерзімі өтіп кетті ({at})',
    ru: 'Срок регистрации истёк ({at})',
    en: 'The registration deadline has passed ({at})',
  },
  WITHDRAWAL_TOO_LATE: {
    kk: 'Кандидатураны қайтарып алу мерзімі өтіп кетті ({at})',
    ru: 'Срок снятия кандидатуры истёк ({at})',
    en: 'The deadline for withdrawal has passed ({at})',
  },
  NOMINATION_DEPOSIT_NOT_PAID: {
    kk: 'Сайлау жарнасы толық төленбеген: {paid} теңге төленді, {required} теңге қажет',
    ru: 'Избирательный взнос внесён не полностью: внесено {paid} тенге, требуется {required} тенге',
    en: 'The electoral deposit is not fully paid: {paid} tenge paid, {required} tenge required',
  },
  NOMINATION_DOCUMENTS_MISSING: {
    kk: 'Қажетті құжаттар жоқ: {documents}',
    ru: 'Не представлены необходимые документы: {documents}',
    en: 'Required documents are missing: {documents}',
  },
  NOMINATION_ALREADY_CANDIDATE: {
    kk: 'Бұл адам осы органға кандидат ретінде тіркелген: {candidate}',
    ru: 'Это лицо уже зарегистрировано кандидатом в этот орган: {candidate}',
    en: 'This person is already a registered candidate for this body: {candidate}',
  },
  NOMINATION_TWO_MASLIKHATS: {
    kk: 'Бұл адам басқа мәслихатқа кандидат ретінде тіркелген: {candidate}',
    ru: 'Это лицо уже зарегистрировано кандидатом в другой маслихат: {candidate}',
    en: 'This person is already a registered candidate for another maslikhat: {candidate}',
  },
  NOMINATION_UNKNOWN_CONTEST: {
    kk: 'Мұндай сайлау жоқ: {contest}',
    ru: 'Таких выборов нет: {contest}',
    en: 'No such contest: {contest}',
  },
  NOMINATION_WRONG_KIND: {
    kk: '{contest} сайлауына «{nomination}» тәсілімен ұсынуға болмайды',
    ru: 'В выборах {contest} нельзя выдвигаться способом «{nomination}»',
    en: 'The contest {contest} does not take a nomination of the kind "{nomination}"',
  },
  NOMINATION_DUPLICATE_ID: {
    kk: '{id} ұсынымы бұрын қабылданған',
    ru: 'Выдвижение {id} уже принято',
    en: 'The nomination {id} has already been received',
  },
  NOMINATION_UNKNOWN_PARTY: {
    kk: 'Мұндай партия тіркелмеген: {party}',
    ru: 'Такая партия не зарегистрирована: {party}',
    en: 'No such registered party: {party}',
  },
  NOMINATION_CANDIDATE_ID: {
    kk: '{id} кандидат идентификаторы {contest} сайлауына жатпайды',
    ru: 'Идентификатор кандидата {id} не относится к выборам {contest}',
    en: 'The candidate id {id} does not belong to the contest {contest}',
  },
  NOMINATION_CANDIDATE_ID_USED: {
    kk: '{id} кандидат идентификаторы бұрын пайдаланылған',
    ru: 'Идентификатор кандидата {id} уже использован',
    en: 'The candidate id {id} is already in use',
  },
  NOMINATION_SECOND_LIST: {
    kk: '{party} партиясы бұл сайлауға тізімін берген ({id}); бір партия — бір тізім',
    ru: 'Партия {party} уже подала список на эти выборы ({id}); одна партия — один список',
    en: 'The party {party} has already submitted a list for this contest ({id}); one list per party',
  },
  NOMINATION_UNKNOWN: {
    kk: 'Мұндай ұсыным жоқ: {id}',
    ru: 'Такого выдвижения нет: {id}',
    en: 'No such nomination: {id}',
  },
  NOMINATION_ALREADY_DECIDED: {
    kk: '{id} ұсынымы бойынша шешім қабылданған ({status})',
    ru: 'По выдвижению {id} решение уже принято ({status})',
    en: 'The nomination {id} has already been decided ({status})',
  },
  CANDIDATE_NOT_REGISTERED: {
    kk: 'Мұндай тіркелген кандидат жоқ: {candidate}',
    ru: 'Такого зарегистрированного кандидата нет: {candidate}',
    en: 'No such registered candidate: {candidate}',
  },
  CANDIDATE_NOT_STANDING: {
    kk: '{candidate} кандидаты енді сайлауға түспейді ({status})',
    ru: 'Кандидат {candidate} уже не участвует в выборах ({status})',
    en: 'The candidate {candidate} is no longer standing ({status})',
  },
  DEPUTIES_NO_SEATS: {
    kk: '{party} партиясы {body} органында мандат алған жоқ',
    ru: 'Партия {party} не получила мандатов в органе {body}',
    en: 'The party {party} won no seats in {body}',
  },
  DEPUTIES_ALREADY_CHOSEN: {
    kk: '{party} партиясы {body} органына депутаттарын таңдап қойған; бос орындарды толтыру — жеке шешім',
    ru: 'Партия {party} уже определила депутатов в органе {body}; вакансии замещаются отдельным решением',
    en: 'The party {party} has already chosen its deputies for {body}; vacancies are filled by a separate decision',
  },
  DEPUTIES_TOO_FEW: {
    kk: 'Тізімде адам бола тұра {seats} мандаттың тек {chosen}-і берілген',
    ru: 'Передано только {chosen} из {seats} мандатов, хотя в списке есть кандидаты',
    en: 'Only {chosen} of {seats} mandates are given although the list has people for them',
  },
  MANDATE_NOT_HELD: {
    kk: '{candidate} {body} органында партиялық мандат иесі емес',
    ru: '{candidate} не является обладателем партийного мандата в органе {body}',
    en: '{candidate} does not hold a list mandate in {body}',
  },
  MANDATE_NO_VACANCY: {
    kk: '{party} партиясының {body} органында бос мандаты жоқ',
    ru: 'У партии {party} нет вакантного мандата в органе {body}',
    en: 'The party {party} has no vacant mandate in {body}',
  },
  MANDATE_ALREADY_VACATED: {
    kk: '{candidate} мандатын бұрын тапсырған',
    ru: '{candidate} уже сложил(а) мандат',
    en: '{candidate} has already given up this mandate',
  },
  CONTEST_COUNTING: {
    kk: '{contest} сайлауының хаттамалары қабылданып жатыр: бюллетень енді өзгермейді',
    ru: 'По выборам {contest} уже принимаются протоколы: бюллетень больше не меняется',
    en: 'Protocols of the contest {contest} are being accepted: its ballot can no longer change',
  },
  CONTEST_POSTPONED: {
    kk: '{contest} сайлауы кейінге қалдырылған',
    ru: 'Выборы {contest} уже перенесены',
    en: 'The contest {contest} is already postponed',
  },
  CONTEST_NOT_EMPTY: {
    kk: '{contest} сайлауында әлі {standing} кандидат бар: кейінге қалдыруға негіз жоқ',
    ru: 'В выборах {contest} ещё участвуют кандидаты ({standing}): оснований для переноса нет',
    en: 'The contest {contest} still has {standing} candidates standing: no ground to postpone it',
  },
  REGISTRATION_BEFORE_RECEIPT: {
    kk: 'Шешім уақыты ({at}) ұсынымды қабылдаудан ({submitted}) бұрын',
    ru: 'Время решения ({at}) раньше приёма выдвижения ({submitted})',
    en: 'The decision ({at}) comes before the nomination was received ({submitted})',
  },
  DEPUTIES_RESULTS_NOT_ESTABLISHED: {
    kk: '{body} органының партиялық тізімдер бойынша нәтижесі әлі белгіленбеген: барлық учаске есептеліп, комиссия бекітуі керек',
    ru: 'Итоги {body} по партийным спискам ещё не установлены: нужен подсчёт всех участков и утверждение комиссией',
    en: 'The list result of {body} is not established yet: every station counted and approved by its commission',
  },
  REGISTRATION_OVERRIDE_FORBIDDEN: {
    kk: 'Басқа күнтізбені немесе ең төменгі жалақыны тек әкімші бере алады',
    ru: 'Другой календарь или минимальную заработную плату может задать только администратор',
    en: 'Only an administrator may give another calendar or minimum wage',
  },
  DEMO_REGISTRATION_REFUSED: {
    kk: 'Демонстрация {id} ұсынымын тіркей алмады ({code}: {reason}); кандидаттардың бір бөлігі жоқ сайлау өткізбеу үшін ол тоқтатылды',
    ru: 'Демонстрации не удалось зарегистрировать выдвижение {id} ({code}: {reason}); она остановлена, чтобы не проводить выборы без части кандидатов',
    en: 'The demo could not register nomination {id} ({code}: {reason}); it stops rather than hold an election with candidates missing',
  },
  DEMO_OBSERVER_REFUSED: {
    kk: 'Демонстрацияның «{id}» бақылаушысының {count} әрекеті қабылданбады, біріншісі: {code}: {reason}; демонстрация тоқтатылды',
    ru: 'У демонстрационного наблюдателя «{id}» отклонено действий: {count}, первое — {code}: {reason}; демонстрация остановлена',
    en: 'The demo’s observer "{id}" had {count} acts refused, the first {code}: {reason}; the demo stops',
  },
  DEMO_PROTOCOL_REFUSED: {
    kk: 'Демонстрациялық сайлау түнінде {count} хаттама қабылданбады, біріншісі — {station} учаскесінікі ({code}: {reason}); учаскелердің бір бөлігі жоқ нәтижелерді көрсетпеу үшін демонстрация тоқтатылды',
    ru: 'В демонстрационную ночь выборов отклонено протоколов: {count}, первый — участка {station} ({code}: {reason}); демонстрация остановлена, чтобы не показывать итоги без части участков',
    en: "The demo's election night refused {count} protocols, the first of station {station} ({code}: {reason}); the demo stops rather than show results with stations missing",
  },
  PASSWORD_CURRENT_WRONG: {
    kk: 'Қазіргі құпиясөз қате: жаңасы қойылмады',
    ru: 'Текущий пароль неверен: новый не установлен',
    en: 'The current password is wrong: the new one was not set',
  },
  AUTH_REQUIRED: {
    kk: 'Бұл әрекет үшін жүйеге кіру қажет',
    ru: 'Для этого действия нужно войти в систему',
    en: 'You need to log in for this',
  },
  AUTH_INVALID_CREDENTIALS: {
    kk: 'Пайдаланушы аты немесе құпиясөз қате',
    ru: 'Неверное имя пользователя или пароль',
    en: 'Wrong username or password',
  },
  AUTH_SESSION_INVALID: {
    kk: 'Кіру белгісі жарамсыз немесе мерзімі өтті; қайта кіріңіз',
    ru: 'Токен входа недействителен или истёк; войдите снова',
    en: 'The login token is invalid or has expired; log in again',
  },
  AUTH_FORBIDDEN: {
    kk: '«{role}» рөлі мұны істей алмайды: {action}',
    ru: 'Роль «{role}» не может выполнить это действие: {action}',
    en: 'The role "{role}" may not do this: {action}',
  },
  AUTH_WRONG_COMMISSION: {
    kk: 'Сіз {own} комиссиясы үшін әрекет етесіз, ал бұл — {commission} комиссиясының шешімі',
    ru: 'Вы действуете от комиссии {own}, а это решение комиссии {commission}',
    en: 'You act for commission {own}; this is a decision of commission {commission}',
  },
  PASSWORD_TOO_SHORT: {
    kk: 'Құпиясөз кемінде {min} таңбадан тұруы керек',
    ru: 'Пароль должен содержать не менее {min} символов',
    en: 'The password must have at least {min} characters',
  },
  PASSWORD_TOO_COMMON: {
    kk: 'Бұл құпиясөз жиі қолданылатын құпиясөздер тізімінде бар; басқасын таңдаңыз',
    ru: 'Этот пароль есть в списке распространённых паролей; выберите другой',
    en: 'This password is on the list of common passwords; choose another',
  },
  PASSWORD_TOO_SIMPLE: {
    kk: 'Құпиясөз негізінен бос орындардан, бір қайталанған таңбадан немесе қарапайым тізбектен тұрады',
    ru: 'Пароль состоит в основном из пробелов, одного повторяющегося символа или простой последовательности',
    en: 'The password is mostly spaces, one repeated character or a simple sequence',
  },
  PASSWORD_CONTAINS_USERNAME: {
    kk: 'Құпиясөзде пайдаланушы аты болмауы керек',
    ru: 'Пароль не должен содержать имя пользователя',
    en: 'The password must not contain the username',
  },
  AUTH_ACCOUNT_DISABLED: {
    kk: 'Бұл тіркелгіні әкімші өшірген',
    ru: 'Эта учётная запись отключена администратором',
    en: 'An administrator has disabled this account',
  },
  ACCOUNT_UNKNOWN: {
    kk: '«{user}» тіркелгісі жоқ',
    ru: 'Учётной записи «{user}» нет',
    en: 'There is no account "{user}"',
  },
  ACCOUNT_ALREADY_DISABLED: {
    kk: '«{user}» тіркелгісі қазірдің өзінде өшірілген',
    ru: 'Учётная запись «{user}» уже отключена',
    en: 'The account "{user}" is already disabled',
  },
  ACCOUNT_NOT_DISABLED: {
    kk: '«{user}» тіркелгісі өшірілмеген',
    ru: 'Учётная запись «{user}» не отключена',
    en: 'The account "{user}" is not disabled',
  },
  ACCOUNT_SELF_DISABLE: {
    kk: 'Өз тіркелгіңізді өшіре алмайсыз; мұны басқа әкімші жасайды',
    ru: 'Нельзя отключить собственную учётную запись; это делает другой администратор',
    en: 'You cannot disable your own account; another administrator does that',
  },
  ACCOUNT_COMMISSION_NOT_TAKEN: {
    kk: '«{role}» рөлі ешбір комиссия атынан әрекет етпейді; комиссияны көрсетпеңіз',
    ru: 'Роль «{role}» не действует от имени комиссии; не указывайте комиссию',
    en: 'The role "{role}" acts for no commission; leave the commission out',
  },
  RATE_LIMITED: {
    kk: 'Сұраулар тым көп; {seconds} секундтан кейін қайталаңыз',
    ru: 'Слишком много запросов; повторите через {seconds} с',
    en: 'Too many requests; try again in {seconds} s',
  },
  REQUEST_TOO_LARGE: {
    kk: 'Сұрау денесі тым үлкен (ең көбі {limit} байт)',
    ru: 'Тело запроса слишком велико (не более {limit} байт)',
    en: 'The request body is too large (at most {limit} bytes)',
  },
  REQUEST_BAD_URL: {
    kk: 'Мекенжай жарамсыз: оның %-кодтары UTF-8 мәтінін бермейді',
    ru: 'Недопустимый адрес: его %-коды не дают текст UTF-8',
    en: 'The address is not valid: its %-escapes do not decode to UTF-8 text',
  },
  REQUEST_MALFORMED: {
    kk: 'HTTP сұрауы дұрыс құрылмаған',
    ru: 'HTTP-запрос составлен неверно',
    en: 'The HTTP request is malformed',
  },
  REQUEST_TIMEOUT: {
    kk: 'Сұрау {seconds} секунд ішінде толық келмеді',
    ru: 'Запрос не пришёл целиком за {seconds} секунд',
    en: 'The request did not arrive whole within {seconds} seconds',
  },
  REQUEST_UNSUPPORTED_MEDIA: {
    kk: 'Сұрау денесі application/json болуы керек',
    ru: 'Тело запроса должно быть application/json',
    en: 'The request body must be application/json',
  },
  API_NOT_FOUND: {
    kk: 'Мұндай мекенжай жоқ: {method} {path}',
    ru: 'Такого адреса нет: {method} {path}',
    en: 'No such address: {method} {path}',
  },
  SITE_PAGE_NOT_FOUND: {
    kk: 'Мұндай бет жоқ: {path}. Сайттың басты беті: /',
    ru: 'Такой страницы нет: {path}. Главная страница сайта: /',
    en: 'There is no such page: {path}. The site starts at /',
  },
  SITE_NOT_BUILT: {
    kk: 'Бұл серверде жария сайт құрастырылмаған: saylau қалтасында «npm run build:web» орындап, серверді қайта іске қосыңыз; API /api/ мекенжайларында жұмыс істейді',
    ru: 'Публичный сайт на этом сервере не собран: выполните «npm run build:web» в папке saylau и перезапустите сервер; API работает по адресам /api/',
    en: 'The public site is not built on this server: run "npm run build:web" in the saylau folder and restart the server; the API works under /api/',
  },
  SNAPSHOT_UNKNOWN: {
    kk: '{sha256} нәтижелер суреті бұл серверде сақталмаған; ағымдағысын /api/results/latest арқылы алыңыз',
    ru: 'Снимок результатов {sha256} на этом сервере не хранится; текущий — по адресу /api/results/latest',
    en: 'The results snapshot {sha256} is not kept here; the current one is at /api/results/latest',
  },
  FORECAST_NO_POLLS: {
    kk: '{asOf} күніне дейін аяқталған сауалнама жоқ: болжам жасауға дерек жоқ',
    ru: 'Нет опросов, завершённых не позднее {asOf}: прогнозу не на что опереться',
    en: 'No poll ended on or before {asOf}: there is nothing to forecast from',
  },
  FORECAST_FIELDWORK_ORDER: {
    kk: 'Сауалнаманың аяқталу күні ({end}) басталу күнінен ({start}) ерте',
    ru: 'Дата окончания опроса ({end}) раньше даты начала ({start})',
    en: 'The fieldwork ends ({end}) before it starts ({start})',
  },
  FORECAST_SHARES_EXCEED: {
    kk: 'Тізімдердің, «Барлығына қарсы» мен шешпегендердің үлестері 100 %-дан асады ({total} %)',
    ru: 'Доли списков, «Против всех» и неопределившихся в сумме больше 100 % ({total} %)',
    en: 'The shares of the lists, "Against all" and the undecided add up to more than 100 % ({total} %)',
  },
  FORECAST_NO_DECIDED: {
    kk: 'Сауалнамада ешбір тізімге де, «Барлығына қарсы» жолына да дауыс жоқ',
    ru: 'В опросе нет ни одного голоса за список или «Против всех»',
    en: 'The poll gives no share to any list or to "Against all"',
  },
  FORECAST_LISTS_DIFFER: {
    kk: 'Барлық сауалнама бірдей тізімдерді атауы керек: {expected} күтілді, {got} берілді',
    ru: 'Все опросы должны называть одни и те же списки: ожидалось {expected}, дано {got}',
    en: 'Every poll must name the same lists: expected {expected}, got {got}',
  },
  FORENSICS_MAPPING_REQUIRED: {
    kk: '{path} — CSV файлы; оның бағандарын хаттама жолдарына сәйкестендіретін --map MAPPING.json керек',
    ru: '{path} — CSV-файл; нужен --map MAPPING.json, сопоставляющий его столбцы строкам протокола',
    en: '{path} is a CSV file; it needs --map MAPPING.json to map its columns to protocol lines',
  },
  FORENSICS_MAPPING_COLUMN_MISSING: {
    kk: 'Бірде-бір баған «{pattern}» үлгісіне сәйкес келмейді ({field})',
    ru: 'Ни один столбец не подходит под шаблон «{pattern}» ({field})',
    en: 'No column matches the pattern "{pattern}" ({field})',
  },
  FORENSICS_MAPPING_AMBIGUOUS: {
    kk: '«{column}» бағаны екі жерге сәйкес келеді: {first} және {second}',
    ru: 'Столбец «{column}» подходит сразу под {first} и {second}',
    en: 'The column "{column}" matches both {first} and {second}',
  },
  FORENSICS_MAPPING_BAD_PATTERN: {
    kk: '«{pattern}» — жарамсыз тұрақты өрнек: {detail}',
    ru: '«{pattern}» — недопустимое регулярное выражение: {detail}',
    en: '"{pattern}" is not a valid regular expression: {detail}',
  },
  FORENSICS_CSV_BAD_VALUE: {
    kk: '{row}-жол, «{column}» бағаны: «{value}» — теріс емес бүтін сан емес',
    ru: 'Строка {row}, столбец «{column}»: «{value}» — не целое неотрицательное число',
    en: 'Row {row}, column "{column}": "{value}" is not a non-negative whole number',
  },
  FORENSICS_CSV_ROW_LENGTH: {
    kk: '{row}-жолда {got} ұяшық бар, ал тақырыпта {expected}',
    ru: 'В строке {row} ячеек: {got}, а в заголовке: {expected}',
    en: 'Row {row} has {got} cells; the header has {expected}',
  },
  FORENSICS_ZIP_UNREADABLE: {
    kk: '{path} zip мұрағатын оқу мүмкін емес: {detail}',
    ru: 'Не удаётся прочитать zip-архив {path}: {detail}',
    en: 'Cannot read the zip archive {path}: {detail}',
  },
  FORENSICS_CONTEST_UNKNOWN: {
    kk: '«{contest}» сайлауы жоқ; барлары: {known}',
    ru: 'Голосования «{contest}» нет; есть: {known}',
    en: 'There is no contest "{contest}"; known: {known}',
  },
  FORENSICS_NO_STATIONS: {
    kk: '{contest} бойынша бірде-бір учаске хаттамасы жоқ',
    ru: 'Нет ни одного протокола участка по {contest}',
    en: 'No polling station has a protocol of {contest}',
  },
  FORENSICS_SOURCE_MISSING: {
    kk: 'Дереккөзді көрсетіңіз: деректер жиынтығының каталогы, CSV файлы немесе --db',
    ru: 'Укажите источник: каталог набора данных, CSV-файл или --db',
    en: 'Name a source: a dataset directory, a CSV file, or --db',
  },
  // Signing in the client: two-phase signing over HTTP, browser keys (docs/server.md, "Signing in the client").
  ACT_SIGNATURE_REQUIRED: {
    kk: 'Бұл әрекетке сіздің кілтіңіздің қолтаңбасы керек: жауапта қол қоятын әрекет берілген',
    ru: 'Это действие нужно подписать вашим ключом: что подписать, сказано в ответе',
    en: 'This act must be signed with your key: the answer gives the act to sign',
  },
  ACT_SIGNATURE_MISMATCH: {
    kk: 'Қолтаңба сервер қазір жазатын әрекетке сәйкес келмейді (жоспарланған әрекет: {planned}, қолтаңба: {signed}): деректер өзгерген болуы мүмкін. Жаңа әрекетті тексеріп, қайта қол қойыңыз',
    ru: 'Подпись не подходит к действию, которое сервер записал бы сейчас (действий: {planned}, подписей: {signed}): данные могли измениться. Проверьте новое действие и подпишите заново',
    en: 'The signature does not fit the act the server would record now ({planned} planned, {signed} signed): the data may have changed. Check the new act and sign again',
  },
  ACT_TIME_SKEW: {
    kk: 'Қол қою уақыты {at} сервер уақытынан {now} {minutes} минуттан артық алшақ: компьютердің сағатын тексеріп, қайта қол қойыңыз',
    ru: 'Время подписи {at} отличается от времени сервера {now} больше чем на {minutes} мин.: проверьте часы компьютера и подпишите заново',
    en: 'The signing time {at} is more than {minutes} minutes from the server time {now}: check the computer clock and sign again',
  },
  KEY_NONE_REGISTERED: {
    kk: '{user} пайдаланушысының тіркелген кілті жоқ: кілт тіркелгенше ол ештеңеге қол қоя алмайды',
    ru: 'У пользователя {user} нет зарегистрированного ключа: пока ключ не зарегистрирован, он ничего не может подписать',
    en: 'User {user} has no registered key: nothing can be signed until a key is registered',
  },
  KEY_PENDING_UNKNOWN: {
    kk: '{user} пайдаланушысының тіркеуді күтіп тұрған кілті жоқ',
    ru: 'У пользователя {user} нет ключа, ожидающего регистрации',
    en: 'User {user} has no key waiting for registration',
  },
  KEY_PENDING_CHANGED: {
    kk: '{user} пайдаланушысының күтіп тұрған кілті ауысқан: енді оның саусақ ізі {fingerprint}. Саусақ ізін иесімен қайта салыстырыңыз',
    ru: 'Ожидающий ключ пользователя {user} сменился: теперь его отпечаток {fingerprint}. Сверьте отпечаток с владельцем заново',
    en: "User {user}'s waiting key has changed: its fingerprint is now {fingerprint}. Compare the fingerprint with its holder again",
  },
  KEY_REPLACEMENT_NEEDS_REVOCATION: {
    kk: '{user} пайдаланушысында тіркелген {fingerprint} кілті бар: жаңасын тіркемес бұрын ескісін тіркеген орган кері қайтаруы керек (docs/keys.md)',
    ru: 'У пользователя {user} есть зарегистрированный ключ {fingerprint}: прежде чем регистрировать новый, старый должен отозвать орган, который его зарегистрировал (docs/keys.md)',
    en: 'User {user} has the registered key {fingerprint}: before a new one is registered, the authority that registered the old one must revoke it (docs/keys.md)',
  },
  // End of signing in the client.
  // keys: signers hold their own keys (docs/keys.md).
  KEY_NOT_REGISTERED: {
    kk: 'Бұл кілт тіркелмеген: {fingerprint}',
    ru: 'Этот ключ не зарегистрирован: {fingerprint}',
    en: 'This key is not registered: {fingerprint}',
  },
  KEY_REVOKED: {
    kk: 'Бұл кілт кері қайтарылған ({voidFrom} бастап жарамсыз) және енді ештеңеге қол қоймайды: {fingerprint}',
    ru: 'Этот ключ отозван (недействителен с {voidFrom}) и больше ничего не подписывает: {fingerprint}',
    en: 'This key was revoked (void from {voidFrom}) and signs nothing more: {fingerprint}',
  },
  ACT_REPLAYED: {
    kk: 'Бұл әрекет журналда бар, оны қайта жіберуге болмайды: {digest}',
    ru: 'Это действие уже есть в журнале, повторить его нельзя: {digest}',
    en: 'The journal already holds this act; it cannot be sent again: {digest}',
  },
  KEY_FILE_UNREADABLE: {
    kk: 'Кілт файлын оқу мүмкін емес (PEM PKCS#8 Ed25519 күтіледі): {path}',
    ru: 'Не удаётся прочитать файл ключа (ожидается PEM PKCS#8 Ed25519): {path}',
    en: 'Cannot read the key file (a PEM PKCS#8 Ed25519 key is expected): {path}',
  },
  KEY_FILE_EXISTS: {
    kk: 'Файл бар, үстінен жазылмайды: {path}',
    ru: 'Файл уже существует и не будет перезаписан: {path}',
    en: 'The file exists and is not overwritten: {path}',
  },
  KEY_FILE_REQUIRED: {
    kk: 'Бұл әрекетке авторының кілт файлы керек: --key FILE',
    ru: 'Для этого действия нужен файл ключа автора: --key FILE',
    en: "This act needs its author's key file: --key FILE",
  },
  PUBLIC_KEY_INVALID: {
    kk: 'Ашық кілт Ed25519 емес (32 байт, base64url күтіледі): {key}',
    ru: 'Открытый ключ не Ed25519 (ожидается 32 байта в base64url): {key}',
    en: 'The public key is not Ed25519 (32 bytes in base64url expected): {key}',
  },
  KEY_ALREADY_REGISTERED: {
    kk: 'Бұл кілт бұрын тіркелген: {fingerprint}',
    ru: 'Этот ключ уже зарегистрирован: {fingerprint}',
    en: 'This key is registered already: {fingerprint}',
  },
  KEY_REGISTRATION_FORBIDDEN: {
    kk: '«{registrar}» ({registrarRole}) «{role}» рөліндегі кілтті тіркей алмайды',
    ru: '«{registrar}» ({registrarRole}) не может регистрировать ключ с ролью «{role}»',
    en: '"{registrar}" ({registrarRole}) may not register a key of role "{role}"',
  },
  KEY_REVOCATION_FORBIDDEN: {
    kk: 'Кілтті оны тіркеген орган немесе ОСК ғана кері қайтара алады: {fingerprint}',
    ru: 'Отозвать ключ может только зарегистрировавший его орган или ЦИК: {fingerprint}',
    en: 'Only the authority that registered a key, or the CEC, may revoke it: {fingerprint}',
  },
  KEY_ALREADY_REVOKED: {
    kk: 'Бұл кілт бұрын кері қайтарылған: {fingerprint}',
    ru: 'Этот ключ уже отозван: {fingerprint}',
    en: 'This key is revoked already: {fingerprint}',
  },
  KEY_NOT_AUTHORISED: {
    kk: '«{holder}» кілті бұл әрекетке құқылы емес: {act}',
    ru: 'Ключ «{holder}» не уполномочен на это действие: {act}',
    en: 'The key of "{holder}" is not authorised for this act: {act}',
  },
  ACT_SIGNATURE_INVALID: {
    kk: 'Қолтаңба авторының тіркелген кілтімен тексерілмейді (әрекет қол қойылғаннан кейін өзгертілген бе?): {fingerprint}',
    ru: 'Подпись не проверяется зарегистрированным ключом автора (действие изменено после подписи?): {fingerprint}',
    en: "The signature does not verify with the author's registered key (was the act changed after it was signed?): {fingerprint}",
  },
  ACT_SIGNATURE_NOT_CANONICAL: {
    kk: 'Қолтаңба канондық base64url түрінде емес (86 таңба, толтырусыз, соңғы таңбаның пайдаланылмайтын биттері нөл): {fingerprint}',
    ru: 'Подпись не в каноническом base64url (86 знаков, без дополнения, неиспользуемые биты последнего знака — нули): {fingerprint}',
    en: 'The signature is not in canonical base64url (86 characters, no padding, the unused bits of the last one zero): {fingerprint}',
  },
  ACT_TIME_INVALID: {
    kk: 'Әрекеттің уақыты UTC бойынша ISO сәті емес (2023-03-19T20:00:00.000Z сияқты): {at}',
    ru: 'Время действия — не момент ISO в UTC (вида 2023-03-19T20:00:00.000Z): {at}',
    en: 'The time of the act is not an ISO instant in UTC (like 2023-03-19T20:00:00.000Z): {at}',
  },
  KEY_VOID_FROM_INVALID: {
    kk: 'Кілт жарамсыз болатын уақыт UTC бойынша ISO сәті емес (2023-03-19T21:00:00Z сияқты): {voidFrom}',
    ru: 'Время, с которого ключ недействителен, — не момент ISO в UTC (вида 2023-03-19T21:00:00Z): {voidFrom}',
    en: 'The time from which the key is void is not an ISO instant in UTC (like 2023-03-19T21:00:00Z): {voidFrom}',
  },
  JOURNAL_LINE_TOO_LONG: {
    kk: '{type} жазбасы журналда {bytes} байт алар еді, ал ең көбі {max} байт (журнал тайлдарының шегі)',
    ru: 'Запись {type} заняла бы в журнале {bytes} байт, а допустимо не больше {max} (предел плиток журнала)',
    en: 'The {type} entry would take {bytes} bytes in the journal; at most {max} fit (the limit of the log tiles)',
  },
  // end of keys
  // Serving the transparency log (docs/transparency-log.md, "Serving the log").
  LOG_KEY_MISSING: {
    kk: 'Журнал кілті {path} жоқ: «saylau log-key init --db …» орындаңыз',
    ru: 'Файла ключа журнала {path} нет: выполните «saylau log-key init --db …»',
    en: 'The log key file {path} does not exist: run "saylau log-key init --db …"',
  },
  LOG_KEY_UNREADABLE: {
    kk: 'Журнал кілтін {path} оқу мүмкін емес: {detail}',
    ru: 'Не удаётся прочитать ключ журнала {path}: {detail}',
    en: 'Cannot read the log key {path}: {detail}',
  },
  LOG_KEY_EXISTS: {
    kk: 'Журнал кілті {path} бар; оның орнына жаңасы жазылмайды',
    ru: 'Ключ журнала {path} уже есть; новый поверх него не записывается',
    en: 'The log key {path} exists already; a new one is never written over it',
  },
  LOG_KEY_NOT_REGISTERED: {
    kk: 'Журнал кілтін {key} ОСК журналда тіркемеген',
    ru: 'Ключ журнала {key} не зарегистрирован ЦИК в журнале',
    en: 'The log key {key} is not the one the CEC registered in the journal',
  },
  LOG_KEY_ALREADY_REGISTERED: {
    kk: 'Журналда журнал кілті тіркеліп қойған: {key}',
    ru: 'В журнале уже зарегистрирован ключ журнала: {key}',
    en: 'The journal already registers a log key: {key}',
  },
  LOG_ORIGIN_INVALID: {
    kk: '«{origin}» журнал атауы бола алмайды: бос емес, бос орынсыз және «+» белгісіз болуы керек',
    ru: '«{origin}» не может быть именем журнала: нужна непустая строка без пробелов и «+»',
    en: '"{origin}" cannot be a log origin: it must be non-empty, without spaces or "+"',
  },
  LOG_ROOT_CONFLICT: {
    kk: '{size} өлшемді ағаштың басқа түбірмен қол қойылған бақылау нүктесі бар: журнал қол қойылғаннан кейін өзгерген',
    ru: 'Для дерева размера {size} уже подписана контрольная точка с другим корнем: журнал изменён после подписи',
    en: 'A checkpoint of tree size {size} with another root is already signed: the journal changed after it was signed',
  },
  LOG_JOURNAL_SHORTER: {
    kk: '{size} өлшемді бақылау нүктесі журналдан ұзын (журналда {seq} жазба)',
    ru: 'Контрольная точка размера {size} длиннее журнала (в журнале {seq} записей)',
    en: 'The checkpoint of size {size} covers more than the journal holds ({seq} entries)',
  },
  LOG_NOT_SERVED: {
    kk: 'Бұл сервер ашықтық журналын бермейді',
    ru: 'Этот сервер не публикует журнал прозрачности',
    en: 'This server does not serve a transparency log',
  },
  LOG_EMPTY: {
    kk: 'Журналда әзірге қол қойылған бақылау нүктесі жоқ',
    ru: 'В журнале ещё нет подписанной контрольной точки',
    en: 'The log has no signed checkpoint yet',
  },
  LOG_TILE_NOT_FOUND: {
    kk: '{path} тақтасы {size} өлшемді ағашта жоқ',
    ru: 'Плитки {path} нет в дереве размера {size}',
    en: 'The tile {path} is not in the tree of size {size}',
  },
  LOG_CHECKPOINT_NOT_FOUND: {
    kk: 'Журнал {size} өлшемге бақылау нүктесіне қол қоймаған',
    ru: 'Журнал не подписывал контрольную точку размера {size}',
    en: 'The log signed no checkpoint of size {size}',
  },
  LOG_FETCH_FAILED: {
    kk: '{url} алу мүмкін болмады: {detail}',
    ru: 'Не удалось получить {url}: {detail}',
    en: 'Could not fetch {url}: {detail}',
  },
  LOG_PROOF_INVALID: {
    kk: 'Дәлел тексерілмеді: {detail}',
    ru: 'Доказательство не проходит проверку: {detail}',
    en: 'The proof does not verify: {detail}',
  },
  LOG_SOURCE_MISSING: {
    kk: '--db немесе --log көрсетіңіз (біреуін ғана)',
    ru: 'Укажите --db или --log (что-то одно)',
    en: 'Name --db or --log (one of them)',
  },
  // The transparency log's formats (src/tlog): trees, signed notes, keys, checkpoints, tiles, proofs.
  TLOG_SIZE_OUT_OF_RANGE: {
    kk: 'Журналда {current} жазба бар; {size} жазбалы ағаш жоқ',
    ru: 'В журнале {current} записей; дерева из {size} записей нет',
    en: 'The log holds {current} entries; there is no tree of {size}',
  },
  TLOG_INDEX_OUT_OF_RANGE: {
    kk: '{size} жазбалы ағашта {index} нөмірлі жазба жоқ',
    ru: 'В дереве из {size} записей нет записи с номером {index}',
    en: 'A tree of {size} entries has no entry {index}',
  },
  TLOG_CONSISTENCY_SIZES: {
    kk: '{from} жазбалы ағаштан {to} жазбалы ағашқа дейінгі сәйкестік дәлелі болмайды: 0 < {from} ≤ {to} болуы керек',
    ru: 'Доказательства согласованности от дерева из {from} записей к дереву из {to} не бывает: нужно 0 < {from} ≤ {to}',
    en: 'There is no consistency proof from a tree of {from} entries to one of {to}: it needs 0 < {from} ≤ {to}',
  },
  TLOG_NOTE_MALFORMED: {
    kk: 'Қол қойылған жазба пішімі бұзылған: {rule}',
    ru: 'Подписанная заметка повреждена: {rule}',
    en: 'The signed note is malformed: {rule}',
  },
  TLOG_NOTE_TOO_MANY_SIGNATURES: {
    kk: 'Жазбада қолтаңба тым көп: {count}, ең көбі {limit}',
    ru: 'В заметке слишком много подписей: {count}, не более {limit}',
    en: 'The note carries too many signatures: {count}, at most {limit}',
  },
  TLOG_NOTE_UNVERIFIED: {
    kk: 'Жазбада белгілі кілттің бірде-бір қолтаңбасы жоқ',
    ru: 'На заметке нет ни одной подписи известного ключа',
    en: 'No signature on the note is by a known key',
  },
  TLOG_NOTE_BAD_SIGNATURE: {
    kk: '{key} кілтінің жазбадағы қолтаңбасы расталмады',
    ru: 'Подпись ключа {key} на заметке не проходит проверку',
    en: 'The signature of the key {key} on the note does not verify',
  },
  TLOG_KEY_MALFORMED: {
    kk: 'Кілт жолының пішімі бұзылған: {rule}',
    ru: 'Строка ключа повреждена: {rule}',
    en: 'The key string is malformed: {rule}',
  },
  TLOG_KEY_ID_MISMATCH: {
    kk: '{key} кілтінің идентификаторы оның аты мен ашық кілтіне сәйкес емес',
    ru: 'Идентификатор ключа {key} не соответствует его имени и открытому ключу',
    en: 'The id of the key {key} does not match its name and public key',
  },
  TLOG_KEY_AMBIGUOUS: {
    kk: '{key} атауы мен идентификаторы екі түрлі кілтке берілген',
    ru: 'Имя и идентификатор {key} принадлежат двум разным ключам',
    en: 'Two different keys are known by the name and id {key}',
  },
  TLOG_KEY_UNKNOWN_TYPE: {
    kk: 'Қолтаңбаның белгісіз түрі: {type}',
    ru: 'Неизвестный тип подписи: {type}',
    en: 'Unknown signature type: {type}',
  },
  TLOG_CHECKPOINT_MALFORMED: {
    kk: 'Бақылау нүктесінің пішімі бұзылған: {rule}',
    ru: 'Контрольная точка повреждена: {rule}',
    en: 'The checkpoint is malformed: {rule}',
  },
  TLOG_CHECKPOINT_WRONG_ORIGIN: {
    kk: 'Бақылау нүктесі «{origin}» журналынікі, «{expected}» күтілді',
    ru: 'Контрольная точка принадлежит журналу «{origin}», ожидался «{expected}»',
    en: 'The checkpoint is of the log "{origin}", expected "{expected}"',
  },
  TLOG_CHECKPOINT_NOT_SIGNED_BY_LOG: {
    kk: 'Бақылау нүктесінде журнал кілтінің ({key}) расталған қолтаңбасы жоқ',
    ru: 'На контрольной точке нет действительной подписи ключа журнала ({key})',
    en: 'The checkpoint carries no valid signature of the log key ({key})',
  },
  TLOG_COSIGNATURE_MALFORMED: {
    kk: 'Куә қолтаңбасының пішімі бұзылған: {rule}',
    ru: 'Подпись свидетеля повреждена: {rule}',
    en: 'The cosignature is malformed: {rule}',
  },
  TLOG_TILE_PATH_INVALID: {
    kk: '«{path}» — тайлдың канондық жолы емес',
    ru: '«{path}» — не канонический путь тайла',
    en: '"{path}" is not the canonical path of a tile',
  },
  TLOG_TILE_MALFORMED: {
    kk: '{path} тайлы бұзылған: {rule}',
    ru: 'Тайл {path} повреждён: {rule}',
    en: 'The tile {path} is malformed: {rule}',
  },
  TLOG_TILE_MISSING: {
    kk: '{path} тайлы қажет, бірақ жоқ',
    ru: 'Нужен тайл {path}, но его нет',
    en: 'The tile {path} is needed but missing',
  },
  TLOG_ENTRY_TOO_LARGE: {
    kk: '{index} жазбасы {bytes} байт: топтамаға ең көбі 65535 байт сыяды',
    ru: 'Запись {index} занимает {bytes} байт: в пакет входит не более 65535',
    en: 'Entry {index} is {bytes} bytes: an entry bundle holds at most 65535',
  },
  TLOG_PROOF_NO_ENTRY: {
    kk: 'Дәлел файлында жазба жоқ (extra жолы жоқ) және ол бөлек берілмеген',
    ru: 'В файле доказательства нет записи (нет строки extra), и она не передана отдельно',
    en: 'The proof file carries no entry (no extra line) and none was given',
  },
  TLOG_PROOF_INCLUSION_FAILED: {
    kk: '{index} жазбасының {size} жазбалы ағашқа кіру дәлелі расталмады: жазба немесе журнал өзгерген',
    ru: 'Доказательство включения записи {index} в дерево из {size} записей не сходится: запись или журнал изменены',
    en: 'The proof that entry {index} is in the tree of {size} does not hold: the entry or the log has changed',
  },
  TLOG_PROOF_FILE_MALFORMED: {
    kk: 'Дәлел файлының {line}-жолы бұзылған: {rule}',
    ru: 'Файл доказательства повреждён в строке {line}: {rule}',
    en: 'The proof file is malformed at line {line}: {rule}',
  },
  // Receipts of acts and their check (docs/receipts.md): each code names what broke.
  RECEIPT_MALFORMED: {
    kk: 'Түбіртек оқылмайды: {detail}',
    ru: 'Квитанция не читается: {detail}',
    en: 'The receipt cannot be read: {detail}',
  },
  RECEIPT_NO_ENTRY: {
    kk: 'Түбіртекте журнал жазбасы жоқ («extra» жолы): оны тексеруге болмайды',
    ru: 'В квитанции нет записи журнала (строки «extra»): её нельзя проверить',
    en: 'The receipt carries no journal line ("extra"): it cannot be checked',
  },
  RECEIPT_LOG_KEY_UNKNOWN: {
    kk: 'Журнал кілтін анықтау мүмкін емес: {detail}. Кілтті --log-key арқылы беріңіз',
    ru: 'Не удаётся определить ключ журнала: {detail}. Укажите ключ через --log-key',
    en: "Cannot tell the log's key: {detail}. Give it with --log-key",
  },
  RECEIPT_SIGNATURE_INVALID: {
    kk: 'ТҮБІРТЕК ЖАРАМСЫЗ: бақылау нүктесінің қолтаңбасы журнал кілтімен ({key}) расталмайды — {detail}',
    ru: 'КВИТАНЦИЯ НЕДЕЙСТВИТЕЛЬНА: подпись контрольной точки не проверяется ключом журнала ({key}) — {detail}',
    en: "RECEIPT INVALID: the checkpoint's signature does not verify under the log key ({key}) — {detail}",
  },
  RECEIPT_INCLUSION_FAILED: {
    kk: 'ТҮБІРТЕК ЖАРАМСЫЗ: {index}-жазба өз бақылау нүктесіне ({size} жазба) кірмейді — жазба немесе дәлел өзгертілген',
    ru: 'КВИТАНЦИЯ НЕДЕЙСТВИТЕЛЬНА: запись {index} не входит в свою контрольную точку ({size} записей) — изменена запись или доказательство',
    en: 'RECEIPT INVALID: entry {index} is not included in its checkpoint ({size} entries) — the line or the proof was altered',
  },
  RECEIPT_LOG_CHECKPOINT_INVALID: {
    kk: 'ЖУРНАЛ СЕНІМСІЗ: журналдың қазіргі бақылау нүктесі оның кілтімен расталмайды — {detail}',
    ru: 'ЖУРНАЛУ НЕЛЬЗЯ ДОВЕРЯТЬ: текущая контрольная точка журнала не проверяется его ключом — {detail}',
    en: "LOG NOT TRUSTWORTHY: the log's current checkpoint does not verify under its key — {detail}",
  },
  RECEIPT_LOG_ROLLED_BACK: {
    kk: 'ЖУРНАЛ ӨЗГЕРТІЛДІ: журналда қазір {current} жазба ғана бар, ал түбіртек {size} жазбалы бақылау нүктесіне сілтейді',
    ru: 'ЖУРНАЛ ИЗМЕНЁН: в журнале сейчас только {current} записей, а квитанция ссылается на контрольную точку из {size}',
    en: 'LOG CHANGED: the log now has only {current} entries, while the receipt names a checkpoint of {size}',
  },
  RECEIPT_CONSISTENCY_FAILED: {
    kk: 'ЖУРНАЛ ӨЗГЕРТІЛДІ: журналдың қазіргі күйі ({current} жазба) түбіртектегі бақылау нүктесін ({size} жазба) жалғастырмайды — бұрынғы жазбалар қайта жазылған',
    ru: 'ЖУРНАЛ ИЗМЕНЁН: текущее состояние журнала ({current} записей) не продолжает контрольную точку квитанции ({size} записей) — прежние записи переписаны',
    en: "LOG CHANGED: the log as it is now ({current} entries) does not extend the receipt's checkpoint ({size} entries) — earlier entries were rewritten",
  },
  RECEIPT_ENTRY_DIFFERS: {
    kk: 'ЖУРНАЛ ӨЗГЕРТІЛДІ: журнал {index}-орында түбіртектегі жазбаны емес, басқасын көрсетеді',
    ru: 'ЖУРНАЛ ИЗМЕНЁН: журнал на месте {index} показывает не ту запись, что в квитанции',
    en: 'LOG CHANGED: the log serves another entry at index {index} than the one on the receipt',
  },
  RECEIPT_LOG_INCOMPLETE: {
    kk: 'Журнал тексеруге қажетті файлды бермейді: {detail}',
    ru: 'Журнал не отдаёт файл, нужный для проверки: {detail}',
    en: 'The log does not serve a file the check needs: {detail}',
  },
  RECEIPT_WITNESS_KEY_INVALID: {
    kk: 'Куәгердің тексеру кілті оқылмайды: {key} — {detail}',
    ru: 'Проверочный ключ свидетеля не читается: {key} — {detail}',
    en: "A witness's verifier key does not parse: {key} — {detail}",
  },
  RECEIPT_QUORUM_INVALID: {
    kk: 'Кворум {quorum} болуы мүмкін емес: ол 0 мен аталған {named} куәгердің арасында болуы керек',
    ru: 'Кворум не может быть {quorum}: он должен быть от 0 до числа названных свидетелей ({named})',
    en: 'The quorum cannot be {quorum}: it is between 0 and the {named} witnesses named',
  },
  RECEIPT_QUORUM_NOT_MET: {
    kk: 'КУӘГЕРЛЕР ЖЕТКІЛІКСІЗ: журналдың қазіргі бақылау нүктесіне ({size} жазба) аталған куәгерлердің {cosigned}-і ғана қол қойған, {quorum} қажет (қол қоймағандар: {missing}). Журнал сізге басқалар көрмеген нұсқасын көрсетуі мүмкін; куәгерлер жеткенде қайталаңыз',
    ru: 'НЕДОСТАТОЧНО СВИДЕТЕЛЕЙ: текущую контрольную точку журнала ({size} записей) заверили лишь {cosigned} из названных свидетелей, нужно {quorum} (не заверили: {missing}). Журнал мог показать вам версию, которую не видели другие; повторите, когда свидетели догонят журнал',
    en: "NOT ENOUGH WITNESSES: only {cosigned} of the witnesses named cosigned the log's current checkpoint ({size} entries), {quorum} required (missing: {missing}). The log may be showing you a view no one else saw; try again once the witnesses have caught up",
  },
  RECEIPT_LOG_UNREACHABLE: {
    kk: 'Журналға қосылу мүмкін емес ({url}): {detail}. Түбіртек туралы ештеңе айтылмайды — кейінірек қайталаңыз',
    ru: 'Журнал недоступен ({url}): {detail}. О квитанции ничего не сказано — повторите позже',
    en: 'The log cannot be reached ({url}): {detail}. Nothing is said of the receipt — try again later',
  },
  // Witnesses (docs/witness.md): the witness command, its evidence, the server's cosignature intake.
  WITNESS_REFUSED_INCONSISTENT: {
    kk: 'КУӘГЕР БАС ТАРТТЫ [WITNESS_REFUSED_INCONSISTENT]: {origin} журналы {size} өлшемдегі тексеру нүктесін ұсынды, ол бұрын қол қойылған {cosignedSize} өлшемдегімен сәйкес келмейді. Журнал қайта жазылған немесе әртүрлі бақылаушыларға әртүрлі көрсетілген. Дәлелдер: {evidence}',
    ru: 'СВИДЕТЕЛЬ ОТКАЗАЛСЯ [WITNESS_REFUSED_INCONSISTENT]: журнал {origin} предъявил контрольную точку размера {size}, несовместимую с ранее заверенной точкой размера {cosignedSize}. Журнал переписан или показан разным наблюдателям по-разному. Доказательства: {evidence}',
    en: 'WITNESS REFUSED [WITNESS_REFUSED_INCONSISTENT]: the log {origin} presented a checkpoint of size {size} that is not consistent with the checkpoint of size {cosignedSize} this witness cosigned. The log was rewritten or shown differently to different observers. Evidence: {evidence}',
  },
  WITNESS_REFUSED_ROLLBACK: {
    kk: 'КУӘГЕР БАС ТАРТТЫ [WITNESS_REFUSED_ROLLBACK]: {origin} журналы {size} өлшемін көрсетеді, бірақ куәгер {cosignedSize} өлшеміне қол қойған: журнал қысқарған. Дәлелдер: {evidence}',
    ru: 'СВИДЕТЕЛЬ ОТКАЗАЛСЯ [WITNESS_REFUSED_ROLLBACK]: журнал {origin} показывает размер {size}, а свидетель уже заверил размер {cosignedSize}: журнал укорочен. Доказательства: {evidence}',
    en: 'WITNESS REFUSED [WITNESS_REFUSED_ROLLBACK]: the log {origin} shows size {size}, but this witness already cosigned size {cosignedSize}: the log shrank. Evidence: {evidence}',
  },
  WITNESS_ORIGIN_MISMATCH: {
    kk: 'Журнал «{got}» шығу тегін ұсынды, ал куәгер «{expected}» журналын бақылайды',
    ru: 'Журнал предъявил происхождение «{got}», а свидетель следит за журналом «{expected}»',
    en: 'The log presented the origin "{got}", but this witness follows "{expected}"',
  },
  WITNESS_LOG_UNREACHABLE: {
    kk: 'Журналға жету мүмкін емес ({url}): {detail}',
    ru: 'Журнал недоступен ({url}): {detail}',
    en: 'Cannot reach the log ({url}): {detail}',
  },
  WITNESS_LOG_KEY_UNKNOWN: {
    kk: 'Журнал кілті белгісіз: журналда ОСК қол қойған log-key-registered жазбасы жоқ; --log-key VKEY беріңіз',
    ru: 'Ключ журнала неизвестен: в журнале нет записи log-key-registered, подписанной ЦИК; укажите --log-key VKEY',
    en: 'The log key is unknown: the journal has no log-key-registered entry signed by the CEC; pass --log-key VKEY',
  },
  WITNESS_KEY_INVALID: {
    kk: '{path} — куәгер кілті емес: {detail}',
    ru: '{path} — не ключ свидетеля: {detail}',
    en: '{path} is not a witness key: {detail}',
  },
  WITNESS_STATE_DAMAGED: {
    kk: '{path} куәгер күйі бүлінген: {detail}. Куәгер ештеңеге қол қоймайды; файлды қолмен тексеріңіз',
    ru: 'Состояние свидетеля {path} повреждено: {detail}. Свидетель ничего не заверит; проверьте файл вручную',
    en: 'The witness state {path} is damaged: {detail}. The witness will cosign nothing; inspect the file by hand',
  },
  WITNESS_STATE_LOCKED: {
    kk: '{path} күй қалтасын басқа куәгер процесі ({pid}) ұстап тұр',
    ru: 'Папку состояния {path} держит другой процесс свидетеля ({pid})',
    en: 'Another witness process ({pid}) holds the state folder {path}',
  },
  WITNESS_NOT_REGISTERED: {
    kk: '{key} — тіркелген куәгер кілті емес: тіркеуден шығаратын ештеңе жоқ',
    ru: '{key} — не ключ зарегистрированного свидетеля: снимать с регистрации нечего',
    en: '{key} is not the key of a registered witness: there is nothing to deregister',
  },
  WITNESS_STATE_TAKEOVER_STALE: {
    kk: 'Куәгер процесі ({pid}) күй қалтасының құлпын алу кезінде тоқтап қалды: {path} файлын ешкім ұстамайды. Бұл қалтада басқа куәгер жұмыс істемейтінін тексеріп, {path} файлын өшіріңіз',
    ru: 'Процесс свидетеля ({pid}) остановился, когда перенимал блокировку папки состояния: файл {path} никто не держит. Убедитесь, что с этой папкой не работает другой свидетель, и удалите {path}',
    en: 'A witness process ({pid}) stopped while taking over the lock of its state folder, and no process holds {path} now. Make sure no other witness runs on this folder, then delete {path}',
  },
  WITNESS_STATE_OTHER_KEY: {
    kk: '{path} күйі басқа куәгер кілтіне ({name}) тиесілі',
    ru: 'Состояние {path} принадлежит другому ключу свидетеля ({name})',
    en: 'The state {path} belongs to another witness key ({name})',
  },
  WITNESS_EVIDENCE_REFUTED: {
    kk: '{path} дәлелдері ештеңені дәлелдемейді: {detail}',
    ru: 'Доказательства {path} ничего не доказывают: {detail}',
    en: 'The evidence in {path} proves nothing: {detail}',
  },
  WITNESS_POST_REFUSED: {
    kk: 'Журнал қосқолтаңбаны қабылдамады (HTTP {status}): {detail}',
    ru: 'Журнал не принял косигнатуру (HTTP {status}): {detail}',
    en: 'The log refused the cosignature (HTTP {status}): {detail}',
  },
  WITNESS_ALREADY_REGISTERED: {
    kk: '{name} куәгер кілті журналда тіркеліп қойған',
    ru: 'Ключ свидетеля {name} уже зарегистрирован в журнале',
    en: 'The witness key {name} is already registered in the journal',
  },
  WITNESS_LIMIT_REACHED: {
    kk: 'Журналда {limit} куәгер тіркелген, бұл шек: бақылау нүктесіне одан көп қолтаңба сыймайды (c2sp.org/signed-note)',
    ru: 'В журнале уже зарегистрировано {limit} свидетелей, это предел: больше подписей контрольная точка не вмещает (c2sp.org/signed-note)',
    en: 'The journal has {limit} witnesses registered, which is the limit: a checkpoint holds no more signatures (c2sp.org/signed-note)',
  },
  COSIGNATURE_MALFORMED: {
    kk: 'Қосқолтаңба жолы дұрыс емес: {detail}',
    ru: 'Строка косигнатуры некорректна: {detail}',
    en: 'The cosignature line is malformed: {detail}',
  },
  COSIGNATURE_UNKNOWN_WITNESS: {
    kk: '{name} куәгері ОСК-да тіркелмеген: оның қосқолтаңбасы қабылданбайды',
    ru: 'Свидетель {name} не зарегистрирован ЦИК: его косигнатура не принимается',
    en: 'The witness {name} is not registered by the CEC: its cosignature is not accepted',
  },
  COSIGNATURE_INVALID: {
    kk: '{name} қосқолтаңбасы {size} өлшемдегі тексеру нүктесіне сәйкес келмейді',
    ru: 'Косигнатура {name} не сходится с контрольной точкой размера {size}',
    en: 'The cosignature of {name} does not verify over the checkpoint of size {size}',
  },
  COSIGNATURE_NO_CHECKPOINT: {
    kk: 'Журнал {size} өлшемдегі тексеру нүктесіне қол қоймаған',
    ru: 'Журнал не подписывал контрольную точку размера {size}',
    en: 'The log never signed a checkpoint of size {size}',
  },
  COSIGNATURE_FUTURE: {
    kk: 'Қосқолтаңба уақыты ({time}) болашақта',
    ru: 'Время косигнатуры ({time}) в будущем',
    en: 'The cosignature time ({time}) is in the future',
  },
  // End of the witnesses' block.
} as const satisfies Record<string, Translations>;

export type MessageCode = keyof typeof MESSAGES;

export function isMessageCode(code: string): code is MessageCode {
  return Object.hasOwn(MESSAGES, code);
}

/** The message for `code` in `language`, with `{name}` replaced by its parameter. */
export function formatMessage(
  code: MessageCode,
  language: Language,
  params: Readonly<Record<string, string | number>> = {},
): string {
  return fillTemplate(MESSAGES[code][language], params);
}
