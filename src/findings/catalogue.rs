//! Every finding's words, in English and Chinese, in one place.
//!
//! [`CODES`] says what each code means; [`ENTRIES`] holds each message with its fix, keyed
//! `CODE` or `CODE.variant`, as templates whose `{name}` placeholders the finding's
//! arguments fill ([`super::Text`]). A finding made without an entry (a message from
//! another library, such as a TOML error) is shown in Chinese as its code's meaning
//! followed by the English detail.

use crate::cli::Lang;

/// What each code means, in English and Chinese.
pub const CODES: &[(&str, &str, &str)] = &[
    ("E100", "a required file (or workbook sheet) is missing", "缺少必需的文件（或工作表）"),
    ("E101", "a file cannot be read", "无法读取文件"),
    ("E102", "a file is neither UTF-8 nor GBK (GB18030) text", "文件既不是 UTF-8 也不是 GBK（GB18030）文本"),
    (
        "E103",
        "a CSV file is malformed (a row with the wrong number of cells, or no header)",
        "CSV 文件格式错误（单元格个数不对或没有表头）",
    ),
    ("E104", "a required column is missing", "缺少必需的列"),
    ("E105", "a column appears twice", "列重复"),
    ("W106", "an unknown column is ignored", "未知的列已忽略"),
    ("E107", "a file mixes UTF-8 and GBK (GB18030) lines", "文件混用了 UTF-8 和 GBK 两种编码"),
    (
        "W108",
        "a file separated by semicolons or tabs, not commas, read with its own separator",
        "文件用分号或制表符分隔，已按其分隔符读取",
    ),
    ("W109", "a repeated header row is skipped", "重复的表头行已跳过"),
    ("E110", "a required cell is empty", "必填的单元格为空"),
    ("E111", "a value is not one of the allowed words", "填写的值不在可选范围内"),
    ("E112", "a cell is not a number", "单元格不是数字"),
    ("E113", "a cell is not a boolean", "单元格不是“是/否”值"),
    ("E114", "a value is outside its possible range", "数值超出可能的范围"),
    ("E115", "a date (date text or an Excel date serial) where a number belongs", "应填数字的地方填了日期"),
    ("E116", "a control character (NUL, ...) or an invisible character in a cell", "单元格中有控制字符或不可见字符"),
    ("W117", "full-width (or other compatibility) characters read as ordinary ones (NFKC)", "全角字符已按半角读取"),
    (
        "E118",
        "a required file or sheet has its header but no rows (nothing filled in yet)",
        "必需的文件或工作表只有表头，还没有数据",
    ),
    ("E120", "an id appears twice", "编号重复"),
    ("E121", "a school id that does not exist", "学校代码不存在"),
    ("E122", "two rows of the same stage on one campus", "同一校区有两行相同学段"),
    ("E123", "a pair given twice (distances, demand)", "同一组合填了两次（距离、岗位需求）"),
    (
        "E124",
        "a lock names no teacher or new hire, or does not fit who it names",
        "锁定的编号不存在，或锁定类型与对象不符",
    ),
    (
        "E125",
        "locks that cannot all hold, or that meet a hard rule of the policy",
        "锁定之间相互冲突，或违反政策的硬性规则",
    ),
    (
        "E126",
        "an exchange record row that cannot hold (wrong home school, overlapping terms, a term ending before it starts)",
        "交流记录有误（派出学校不符、交流期重叠、结束早于开始）",
    ),
    (
        "W127",
        "an exchange record row of a teacher no longer in teachers.csv is left out",
        "交流记录中的教师已不在教师表中，该行不计",
    ),
    (
        "E128",
        "a horizon projection row given twice (hires_by_year.csv, enrolment.csv)",
        "逐年预测的同一行填了两次（逐年新教师、学生数预测）",
    ),
    ("W130", "a school with students and no teachers", "学校有学生但没有教师"),
    ("W131", "a teacher past the exemption age not marked exempt", "教师已到免于交流的年龄但未标注"),
    ("E140", "the policy file cannot be read", "无法读取政策文件"),
    (
        "E141",
        "the policy file has a syntax error, an unknown key or a wrong type",
        "政策文件有语法错误、未知的键或类型错误",
    ),
    ("E142", "a policy value is outside its valid range", "政策取值超出有效范围"),
    (
        "E150",
        "a plan refers to a teacher, hire or school that does not exist, or is malformed",
        "方案引用了不存在的教师、新教师或学校，或格式有误",
    ),
    (
        "E151",
        "a plan file is not the one its run.json lists (two runs mixed, or edited since)",
        "方案文件与 run.json 记录的不一致（混入了另一次运行的文件，或写出后被修改）",
    ),
    (
        "E160",
        "a sweep scenario file is malformed (unknown key, bad grid key, wrong type)",
        "情景文件格式错误（未知的键、网格键或类型错误）",
    ),
    ("E161", "a sweep variant's policy overrides or transforms are invalid", "情景变体的政策覆盖或数据变换无效"),
];

/// One message and its fix: (key, English message, English fix, Chinese message, Chinese fix).
pub type Entry = (&'static str, &'static str, &'static str, &'static str, &'static str);

const SAVE_UTF8: &str =
    "in Excel use Save As > \"CSV UTF-8 (comma delimited)\"; in WPS choose the UTF-8 encoding when saving";
const SAVE_UTF8_ZH: &str = "在 Excel 中用“另存为 > CSV UTF-8（逗号分隔）”；在 WPS 中保存时选择 UTF-8 编码";
const RESAVE: &str = "open it in Excel or WPS and save it again as an .xlsx workbook";
const RESAVE_ZH: &str = "请用 Excel 或 WPS 打开，另存为 .xlsx 工作簿";
const E151_FIX: &str =
    "write the plan again with `rotaplan plan COUNTY --out {dir}`; if you edited its files on purpose, \
                        delete {manifest} and the folder is read as a hand-made plan";
const E151_FIX_ZH: &str =
    "请用 `rotaplan plan 县数据 --out {dir}` 重新生成方案；如果是有意修改了其中的文件，请删除 {manifest}，该文件夹将按手工方案读取";

/// Every message, by key.
pub const ENTRIES: &[Entry] = &[
    ("E100.file", "required file {file} is missing from {dir}", "add {file}; see the data contract in the README",
        "{dir} 中缺少必需的文件 {file}", "请添加 {file}；格式见 docs/formats.md，或用 `rotaplan template --lang zh --out 县数据.xlsx` 生成空白模板"),
    ("E100.sheet", "required sheet \"{sheet}\" is missing from {book} (its sheets: {sheets})",
        "add a sheet named \"{sheet}\"{local}; see the data contract in the README",
        "工作簿 {book} 缺少必需的工作表“{local_zh}”（现有工作表：{sheets}）",
        "请添加名为“{local_zh}”（或“{sheet}”）的工作表；可用 `rotaplan template --lang zh --out 县数据.xlsx` 生成空白模板"),
    ("E100.book", "the workbook {path} does not exist",
        "give the workbook that holds the schools and teachers sheets, or a county data folder",
        "工作簿 {path} 不存在", "请给出包含学校和教师工作表的工作簿，或县数据文件夹"),
    ("E100.folder", "the county data folder does not exist", "give the folder that holds schools.csv and teachers.csv",
        "县数据文件夹不存在", "请给出包含 schools.csv 和 teachers.csv 的文件夹，或县数据工作簿（.xlsx）"),
    ("E100.not_folder", "the county data folder is a file, not a folder",
        "give the folder that holds schools.csv and teachers.csv",
        "县数据文件夹是一个文件，不是文件夹", "请给出包含 schools.csv 和 teachers.csv 的文件夹，或县数据工作簿（.xlsx）"),
    ("E100.moves", "the plan directory {dir} has no moves.csv",
        "give a directory written by `rotaplan plan`, or add moves.csv (it may have just the header)",
        "方案文件夹 {dir} 中没有 moves.csv", "请给出 `rotaplan plan` 写出的文件夹或方案工作簿，或添加 moves.csv（可以只有表头）"),
    ("E100.moves_sheet", "the plan workbook {book} has no moves sheet (its sheets: {sheets})",
        "give a workbook written by `rotaplan plan --xlsx`, or add a sheet named \"moves\" (or \"交流\")",
        "方案工作簿 {book} 中没有交流工作表（现有工作表：{sheets}）",
        "请给出 `rotaplan plan --xlsx` 写出的工作簿，或添加名为“交流”（或“moves”）的工作表"),
    ("E101.folder", "{file} is a folder, not a file", "put the CSV file {file} here in place of the folder",
        "{file} 是一个文件夹，不是文件", "请在这里放 CSV 文件 {file}，替换该文件夹"),
    ("E101.read", "cannot read {file}: {error}", "check that you may read the file and that no other program holds it open",
        "无法读取 {file}：{error}", "请确认有权读取该文件，并且没有其他程序（如 Excel、WPS）正打开它"),
    ("E101.book", "cannot read {file} as a workbook: {error}", RESAVE, "无法作为工作簿读取 {file}：{error}", RESAVE_ZH),
    ("E101.sheet", "cannot read sheet \"{sheet}\": {error}",
        "open the workbook in Excel or WPS and save it again as an .xlsx workbook",
        "无法读取工作表“{sheet}”：{error}", RESAVE_ZH),
    ("E102.utf16", "the file is UTF-16 text (Excel's \"Unicode text\"), not UTF-8", SAVE_UTF8,
        "该文件是 UTF-16 文本（Excel 的“Unicode 文本”），不是 UTF-8", SAVE_UTF8_ZH),
    ("E102.damaged", "the file is UTF-8 text, but the bytes here are not UTF-8; read as GBK instead, its Chinese would \
        come out as wrong characters", SAVE_UTF8,
        "该文件是 UTF-8 文本，但此处的字节不是 UTF-8；若按 GBK 读取，其中的中文会变成乱码", SAVE_UTF8_ZH),
    ("E102.neither", "the file is neither UTF-8 nor GBK (GB18030) text (the first bytes that are {what} are here)",
        SAVE_UTF8, "该文件既不是 UTF-8 也不是 GBK（GB18030）文本（第一处{what}的字节在这里）", SAVE_UTF8_ZH),
    ("E103.empty", "the file is empty: no header row", "add the header row of the data contract",
        "文件是空的：没有表头行", "请添加数据约定中的表头行（`rotaplan template` 生成的模板里有）"),
    ("E103.quote", "a quote (\") on this line is never closed, so the lines after it were read as part of this row",
        "delete the stray quote, or close it; quotes go around a whole cell, e.g. \"Lin, Feng\"",
        "此行的引号（\"）没有闭合，后面的行都被读进了这一行", "删除多余的引号，或把它闭合；引号要括住整个单元格，例如 \"林,峰\""),
    ("E103.cells", "this row has {n} cells but the header has {width}",
        "check for a stray comma or a missing cell; put a cell that contains a comma in quotes",
        "此行有 {n} 个单元格，但表头有 {width} 个", "检查是否多了逗号或少了单元格；含逗号的单元格要用引号括起来"),
    ("E103.csv", "malformed CSV: {error}", "check the quoting on this line", "CSV 格式错误：{error}", "请检查此行的引号"),
    ("E104", "required column \"{col}\" is missing", "add a column named {named} to the header row",
        "缺少必需的列“{local}”", "请在表头行添加名为“{local}”（或“{col}”）的列"),
    ("E105.column", "column \"{col}\" appears twice (columns {first} and {second}{other})", "delete one of the two columns",
        "列“{local}”出现了两次（{first} 列和 {second} 列{other}）", "删除其中一列"),
    ("E105.sheets", "sheets \"{first}\" and \"{sheet}\" both hold {role}", "delete or rename one of the two sheets",
        "工作表“{first}”和“{sheet}”都是{role}表", "删除或重命名其中一个工作表"),
    ("W106.alias", "unknown column {v} is ignored",
        "if it means \"{col}\", rename it to \"{alias}\" or \"{col}\"; otherwise this warning can be ignored",
        "未知的列 {v}，已忽略", "如果它指“{alias}”，请改名为“{alias}”；否则可忽略此提示"),
    ("W106.local", "unknown column {v} is ignored",
        "if it is one of the data contract's columns, rename it to the contract's name (see the README) or to the name \
         bureaus use (docs/reports.md); otherwise this warning can be ignored",
        "未知的列 {v}，已忽略", "如果它是数据约定中的列，请改用约定的列名（见 `rotaplan template` 模板的说明表）；否则可忽略此提示"),
    ("W106.close", "unknown column {v} is ignored",
        "if it means \"{col}\", rename it to exactly \"{col}\"; otherwise this warning can be ignored",
        "未知的列 {v}，已忽略", "如果它指“{col}”，请改名为“{col}”；否则可忽略此提示"),
    ("W106.list", "unknown column {v} is ignored",
        "if it is a misspelling, rename it to one of: {list}; otherwise this warning can be ignored",
        "未知的列 {v}，已忽略", "如果是拼写错误，请改为以下之一：{list}；否则可忽略此提示"),
    ("E107", "the file mixes two encodings: {n_utf8} line(s) in UTF-8 (the first is line {first_utf8}) and {n_gbk} in \
        GBK (the first is line {first_gbk}); read either way, the Chinese of the other lines would come out as wrong \
        characters",
        "the rows were pasted together from files saved in different encodings: open each original file in Excel or \
         WPS, copy its rows into one sheet, and save that as \"CSV UTF-8 (comma delimited)\"",
        "文件混用了两种编码：{n_utf8} 行为 UTF-8（第一行是第 {first_utf8} 行），{n_gbk} 行为 GBK（第一行是第 {first_gbk} \
         行）；无论按哪种读取，另一部分行的中文都会变成乱码",
        "这些行是从不同编码的文件拼起来的：请在 Excel 或 WPS 中分别打开原文件，把各行复制到同一个工作表，再另存为“CSV UTF-8（逗号分隔）”"),
    ("W108", "the cells of this file are separated by {name}, not commas; it was read with {name}",
        "nothing needs doing; to silence this warning, save the file again as \"CSV UTF-8 (comma delimited)\"",
        "此文件的单元格用{name}分隔，不是逗号；已按{name}读取", "无需处理；若不想看到此提示，请另存为“CSV UTF-8（逗号分隔）”"),
    ("W109", "this row repeats the header row (rows pasted in from another file with their header); it is skipped",
        "delete the row; nothing else needs doing",
        "此行重复了表头行（从别的文件连同表头一起粘贴进来的行），已跳过", "删除此行即可"),
    ("E110.required", "{col} is empty", "fill in {col}; it is required", "{col}为空", "请填写{col}（必填）"),
    ("E110.word", "{col} is empty", "fill in {col}, one of: {expected}", "{col}为空", "请填写{col}，可填：{expected}"),
    ("E110.number", "{col} is empty", "fill in {col}, a number {range}", "{col}为空", "请填写{col}（数字，范围：{range}）"),
    ("E111", "{v} is not a valid {col}", "use one of: {expected}", "{v} 不是有效的{col}", "请填写以下之一：{expected}"),
    ("E111.chengzhen", "{v} is not a valid {col}: 城镇 means urban and town together, which the exchange rules and \
        the statistics keep apart",
        "write urban (城区: 主城区, 城乡结合区; codes 111, 112) or town (镇区: 镇中心区, 镇乡结合区, 特殊区域; codes 121 to \
         123), as the national statistics classify the school's area; a village school is rural (乡村)",
        "{v} 不能作为{col}：“城镇”同时包括城区和镇区，交流规则和统计都要把两者分开",
        "请按统计用城乡划分代码填写：城区（主城区、城乡结合区，代码111、112）或镇区（镇中心区、镇乡结合区、特殊区域，代码121至123）；\
         农村学校填乡村"),
    ("E111.nine_year", "{v} is not a stage: a nine-year school (九年一贯制) is entered as two rows",
        "enter the school as two rows, one with level primary and one with level junior, each with its own school_id \
         and its own students, and the same campus (e.g. the school's name)",
        "{v} 不是学段：九年一贯制学校要填成两行",
        "请把该校填成两行：一行学段为小学、一行为初中，各有自己的学校代码和在校生数，校区填相同的值（如校名）"),
    ("E112.number", "{v} is not a number",
        "write a plain number such as 1200 or 3.5, without units, spaces or thousands separators",
        "{v} 不是数字", "请只填数字，如 1200 或 3.5，不带单位、空格或千位分隔符"),
    ("E112.whole", "{v} is not a whole number", "{col} is a count: write a whole number from {lo} to {hi}",
        "{v} 不是整数", "{col}是计数，请填 {lo} 至 {hi} 的整数"),
    ("E113", "{v} is not a yes/no value", "write true or false (yes/no and 1/0 work too); leave it empty for {default}",
        "{v} 不是“是/否”值", "请填“是”或“否”（也可填 1/0、true/false）；留空即为“{default}”"),
    ("E114.range", "{col} = {v} is impossible", "{col} must be {range}", "{col} = {v} 不可能", "{col}的范围：{range}"),
    ("E114.years", "{years} years at this school is impossible at age {age}",
        "check years_at_school and age; no one teaches before age {start}",
        "{age} 岁却已在本校任教 {years} 年，不可能", "请核对本校任教年限和年龄；没有人在 {start} 岁前任教"),
    ("E115.text", "{v} is a date, not a number",
        "{col} is a number {range}, not a date: format the column as Number (Excel: Format Cells > Number; WPS: \
         设置单元格格式 > 数值) and type {col} again",
        "{v} 是日期，不是数字",
        "{col}是数字（范围：{range}），不是日期：请把该列设为数值格式（Excel、WPS：设置单元格格式 > 数值），再重新输入{col}"),
    ("E115.serial", "{col} = {v} is impossible: it is how Excel stores the date {date}, so the cell is probably \
        formatted as a date",
        "{col} is a number {range}, not a date: format the column as Number (Excel: Format Cells > Number; WPS: \
         设置单元格格式 > 数值) and type {col} again",
        "{col} = {v} 不可能：这是 Excel 保存日期 {date} 的方式，单元格可能被设成了日期格式",
        "{col}是数字（范围：{range}），不是日期：请把该列设为数值格式（Excel、WPS：设置单元格格式 > 数值），再重新输入{col}"),
    ("E116", "{v} holds {what} at character {at}",
        "retype the cell: the character cannot be seen on screen and came with text pasted from another program or a \
         damaged file; the row is left out until then",
        "{v} 的第 {at} 个字符是{what}",
        "请重新输入该单元格：这个字符在屏幕上看不见，来自从其他程序粘贴的文本或损坏的文件；改正之前此行不会被读取"),
    ("W117", "{v} is read as {normal}: it holds full-width characters, as an input method's full-width mode types them",
        "nothing needs doing; to silence this warning, retype the cell with the input method in half-width mode (半角)",
        "{v} 按 {normal} 读取：其中有全角字符（输入法全角模式输入的）", "无需处理；若不想看到此提示，请在半角模式下重新输入该单元格"),
    ("E118.schools", "{file} has a header but no schools: nothing is filled in yet",
        "add one row per school; a nine-year school is one primary and one junior row",
        "{file} 只有表头，还没有学校", "请每所学校填一行；九年一贯制学校填两行：小学一行、初中一行，校区相同"),
    ("E118.teachers", "{file} has a header but no teachers: nothing is filled in yet",
        "add one row per teacher, with the school_id of the school they teach at",
        "{file} 只有表头，还没有教师", "请每位教师填一行，学校代码填其任教学校的代码"),
    ("E120", "{col} {v} appears twice (first on line {first})", "give each row its own {col}, or delete the repeated row",
        "{col} {v} 重复出现（第一次在第 {first} 行）", "请给每行不同的{col}，或删除重复的行"),
    ("E121", "school {v} does not exist in schools.csv",
        "use a school_id listed in schools.csv, or add that school to schools.csv",
        "学校 {v} 不在学校表中", "请填写学校表中已有的学校代码，或在学校表中添加该校"),
    ("E121.case", "school {v} does not exist in schools.csv", "schools.csv has {k}: write the id exactly as it is there",
        "学校 {v} 不在学校表中", "学校表中是 {k}：请照原样填写（大小写一致）"),
    ("E122", "campus {v} has two {stage} rows (lines {first} and {line})",
        "a nine-year school is one primary row and one junior row with the same campus; correct the level of one row, \
         or give the rows different campuses",
        "校区 {v} 有两行{stage}（第 {first} 行和第 {line} 行）",
        "九年一贯制学校是同一校区的一行小学和一行初中；请改正其中一行的学段，或给两行不同的校区"),
    ("E123.distance", "the distance between {a} and {b} is given twice (first on line {first})",
        "keep one row per pair of schools; a distance holds in both directions",
        "{a} 与 {b} 之间的距离填了两次（第一次在第 {first} 行）", "每对学校只保留一行；距离双向相同"),
    ("E123.demand", "posts for {school} and {subject} are given twice (first on line {first})",
        "keep one row per school and subject",
        "{school} 的{subject}岗位数填了两次（第一次在第 {first} 行）", "每所学校每个学科只保留一行"),
    ("E124", "{v} is neither a teacher_id of teachers.csv nor a hire_id of new_hires.csv",
        "use an id from teachers.csv or new_hires.csv",
        "{v} 既不是教师表中的教师编号，也不是新教师表中的新教师编号", "请填写教师表或新教师表中的编号"),
    ("E124.hire_word", "{v} is a new hire: a new hire can only be placed (place), not {word}",
        "write place and the school the hire is promised to",
        "{v} 是新教师：新教师只能“分配”，不能“{word}”", "请填“分配”和承诺分配的学校"),
    ("E124.teacher_word", "{v} is a teacher: a teacher stays, goes or is kept from a school, not placed",
        "write stay, go (with a school or without) or not_to with a school",
        "{v} 是在职教师：只能“留任”“交流”或“不去”某校，不能“分配”", "请填“留任”“交流”（可填学校）或“不去”并填学校"),
    ("E124.school", "{word} needs a school", "fill in the school", "“{word}”需要填写学校", "请填写学校"),
    ("E124.twice", "{v} is locked twice (first on line {first}) in ways that cannot both hold",
        "keep one lock per teacher, or locks that agree (several not_to)",
        "{v} 被锁定了两次（第一次在第 {first} 行），两者不能同时成立", "每人只保留一条锁定（多条“不去”可以并存）"),
    ("W127", "{v} is not a teacher_id of teachers.csv; the row is left out of the record",
        "nothing to do for a teacher who retired or left the county; otherwise correct the id",
        "{v} 不是教师表中的教师编号，该行不计入交流记录", "退休或调离本县的教师无需处理；否则请改正编号"),
    ("E128.hires", "hires of {subject} ({degree}) in {year} are given twice (first on line {first})",
        "keep one row per year, subject and degree; add the counts together",
        "{year} 年{subject}（{degree}）新教师人数填了两次（第一次在第 {first} 行）", "每个年份、学科、学历只保留一行，人数相加"),
    ("E128.enrolment", "the students of {school} in {year} are given twice (first on line {first})",
        "keep one row per school and year",
        "{school} {year} 年的学生数填了两次（第一次在第 {first} 行）", "每所学校每年只保留一行"),
    ("E126.home", "teacher {v}'s school in teachers.csv is {school}, not this home school",
        "teachers.csv gives each teacher's home school (where the post is); write that school here, or correct teachers.csv",
        "教师 {v} 在教师表中的学校是 {school}，与此处的派出学校不符", "教师表填写编制所在学校（派出学校）；请在此填写该校，或改正教师表"),
    ("E126.same", "the host school is the home school", "write the school where the teacher serves the term",
        "交流学校与派出学校相同", "请填写教师交流任教的学校"),
    ("E126.transfer", "a transfer is permanent and has no term",
        "write exchange, or change the teacher's school_id in teachers.csv for a transfer",
        "调动是长期的，没有交流期", "请填“交流”；调动请直接修改教师表中的学校代码"),
    ("E126.end", "the term ends in {end}, before it starts in {start}", "write an end_year from start_year on, or leave it empty",
        "交流在 {end} 年结束，早于开始的 {start} 年", "结束学年不能早于开始学年，或留空"),
    ("E126.overlap", "{v} has a term sharing a school year with the term on line {first}",
        "a teacher is not sent again while away: correct the years, or keep one of the rows",
        "{v} 的这次交流与第 {first} 行的交流在同一学年重叠", "教师在外交流期间不能再次交流：请改正年份，或只保留一行"),
    ("E125.ineligible", "teacher {v} must go, but is not due to exchange: {why}",
        "remove the lock, or correct the teacher's data if it is wrong",
        "教师 {v} 被锁定为交流，但不符合交流条件：{why}", "删除该锁定，或更正该教师的数据"),
    ("E125.destination", "teacher {v} cannot go to {school}: {why}",
        "choose a rural or weak school of the teacher's stage within the distance cap, or leave the school empty",
        "教师 {v} 不能交流到 {school}：{why}", "请选择同学段、距离上限以内的乡村或薄弱学校，或不填学校"),
    ("E125.nowhere", "teacher {v} must go, but no school is allowed (other stage, not rural or weak, beyond {km} km, or kept from by not_to)",
        "remove the lock or a not_to lock of the teacher",
        "教师 {v} 被锁定为交流，但没有可去的学校（学段不同、不是乡村或薄弱学校、超过 {km} 公里，或被“不去”排除）", "删除该锁定或该教师的“不去”锁定"),
    ("E125.sender", "the locks send all {n} {subject} teachers of {school} away; a sending school keeps one",
        "keep one of them at the school (remove one go lock)",
        "锁定使 {school} 的 {n} 名{subject}教师全部交流出去；派出学校必须保留一名", "请保留其中一名（删除一条交流锁定）"),
    ("W130", "school {v} has {n} students but no teachers in {teachers}",
        "check that its teachers have school_id {v} in {teachers}; if it really has none, the plan will try to staff it",
        "学校 {v} 有 {n} 名学生，但 {teachers} 中没有它的教师",
        "请检查其教师的学校代码是否为 {v}；如果确实没有教师，方案会设法为它配备"),
    ("W131", "teacher {v} is {age}, at or past the exemption age for {who} ({limit}), but is not marked exempt",
        "rotaplan exempts them by age anyway; set exempt to true to say so, or correct the age",
        "教师 {v} {age} 岁，已到{who}免于交流的年龄（{limit} 岁），但未标为免于交流",
        "rotaplan 仍会按年龄免除其交流；可把“是否豁免”填为“是”，或更正年龄"),
    ("E140.folder", "the policy path is a folder, not a file", "give the path of a policy .toml file, e.g. a copy of \
        models/national-2014.toml", "政策文件路径是一个文件夹，不是文件", "请给出政策 .toml 文件的路径，例如 models/national-2014.toml 的副本"),
    ("E140.missing", "the policy file does not exist", "give the path of a policy .toml file, e.g. a copy of \
        models/national-2014.toml", "政策文件不存在", "请给出政策 .toml 文件的路径，例如 models/national-2014.toml 的副本"),
    ("E140.read", "cannot read the policy file: {error}", "give the path of a policy .toml file, e.g. a copy of \
        models/national-2014.toml", "无法读取政策文件：{error}", "请给出政策 .toml 文件的路径，例如 models/national-2014.toml 的副本"),
    ("E140.utf8", "the policy file is not UTF-8 text; save it with the UTF-8 encoding", "give the path of a policy .toml \
        file, e.g. a copy of models/national-2014.toml", "政策文件不是 UTF-8 文本", "请用 UTF-8 编码保存政策文件"),
    ("E141", "{detail}", "compare with models/national-2014.toml, where every key is listed and explained",
        "政策文件有误：{detail}", "请对照 models/national-2014.toml，其中列出并解释了每个键"),
    ("E141.unknown", "{detail}", "correct the spelling of the key; models/national-2014.toml lists and explains every key",
        "政策文件中有未知的键：{detail}", "请改正键的拼写；models/national-2014.toml 列出并解释了每个键"),
    ("E141.missing", "{detail}", "add the key; models/national-2014.toml lists every key with the national value",
        "政策文件缺少键：{detail}", "请添加该键；models/national-2014.toml 列出了每个键及其国家标准值"),
    ("E142", "{detail}", "set it inside its valid range (see the comment on the key in models/national-2014.toml)",
        "政策取值超出有效范围：{detail}", "请设在有效范围内（见 models/national-2014.toml 中该键的注释）"),
    ("E142.share", "{detail}", "a share is a fraction of 1: write 0.10 for 10%, not 10",
        "政策取值超出有效范围：{detail}", "比例是 1 的几分之几：10% 请写 0.10，不要写 10"),
    ("E150.teacher", "teacher {v} is not in teachers.csv", "use a teacher_id from teachers.csv; a plan only fits the \
        county data it was made from", "教师 {v} 不在教师表中", "请使用教师表中的教师编号；方案只适用于制定它时所用的县数据"),
    ("E150.school", "school {v} is not in schools.csv", "use a school_id from schools.csv; a plan only fits the county \
        data it was made from", "学校 {v} 不在学校表中", "请使用学校表中的学校代码；方案只适用于制定它时所用的县数据"),
    ("E150.hire", "new hire {v} is not in new_hires.csv", "use a hire_id from new_hires.csv; a plan only fits the county \
        data it was made from", "新教师 {v} 不在新教师表中", "请使用新教师表中的编号；方案只适用于制定它时所用的县数据"),
    ("E151.missing", "{name} of run {id} is missing from the plan folder {dir}", E151_FIX,
        "方案文件夹 {dir} 中缺少运行 {id} 的 {name}", E151_FIX_ZH),
    ("E151.unlisted", "{name} is not a file of run {id}: run.json in {dir} does not list it", E151_FIX,
        "{name} 不是运行 {id} 的文件：{dir} 中的 run.json 没有列出它", E151_FIX_ZH),
    ("E151.changed", "{name} is not the file run {id} wrote (run.json): the plan folder {dir} mixes files of different \
        runs, or {name} was edited after it was written", E151_FIX,
        "{name} 不是运行 {id} 写出的文件（见 run.json）：方案文件夹 {dir} 混入了另一次运行的文件，或 {name} 写出后被修改过", E151_FIX_ZH),
    ("E151.unusable", "run.json in the plan folder {dir} is unusable: {why}", E151_FIX,
        "方案文件夹 {dir} 中的 run.json 无法使用：{why}", E151_FIX_ZH),
];

/// The words of a summary finding ("and N more rows like this").
pub const MORE: (&str, &str) = ("and {n} more {rows} like this{lines}", "另有 {n} 行同类问题{lines}");

/// The entry of `key`.
pub fn entry(key: &str) -> Option<&'static Entry> {
    ENTRIES.iter().find(|e| e.0 == key)
}

/// What `code` means in `lang`.
pub fn meaning(code: &str, lang: Lang) -> Option<&'static str> {
    CODES.iter().find(|c| c.0 == code).map(|c| if lang == Lang::Zh { c.2 } else { c.1 })
}

/// `template` with each `{name}` replaced by its argument in `lang`.
pub fn fill(template: &str, args: &[super::Arg], lang: Lang) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').map(|close| (&after[..close], close)) {
            Some((name, close)) if args.iter().any(|a| a.name == name) => {
                let a = args.iter().find(|a| a.name == name).expect("found above");
                out.push_str(if lang == Lang::Zh { &a.zh } else { &a.en });
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// The `{name}` placeholders of a template.
    fn names(t: &str) -> BTreeSet<&str> {
        t.split('{').skip(1).filter_map(|s| s.split_once('}').map(|(n, _)| n)).collect()
    }

    fn chinese(t: &str) -> bool {
        t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    /// The codes the module documentation lists.
    fn documented_codes() -> Vec<String> {
        include_str!("mod.rs")
            .lines()
            .filter_map(|l| l.strip_prefix("//! | "))
            .filter_map(|l| l.split(' ').next())
            .filter(|c| c.len() == 4 && (c.starts_with('E') || c.starts_with('W')))
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn every_finding_code_has_its_meaning_and_a_message_in_chinese() {
        let documented = documented_codes();
        assert!(documented.len() >= 30, "{documented:?}");
        for code in &documented {
            let (_, en, zh) = CODES.iter().find(|c| c.0 == code).unwrap_or_else(|| panic!("{code} has no meaning"));
            assert!(!en.is_empty() && chinese(zh), "{code}");
        }
        for (code, ..) in CODES {
            assert!(documented.iter().any(|d| d == code), "{code} is not in the table of findings/mod.rs");
            // The sweep's codes (E160, E161) quote the scenario reader's English detail.
            if !code.starts_with("E16") {
                assert!(ENTRIES.iter().any(|e| e.0.split('.').next() == Some(code)), "{code} has no message");
            }
        }
    }

    #[test]
    fn every_message_has_chinese_with_the_same_placeholders() {
        let mut keys = BTreeSet::new();
        for &(key, en, en_fix, zh, zh_fix) in ENTRIES {
            assert!(keys.insert(key), "{key} twice");
            assert!(meaning(&key[..4], Lang::En).is_some(), "{key} has no code");
            assert!(chinese(zh) && chinese(zh_fix), "{key} in Chinese");
            let (en_names, zh_names) = (names(en).len() + names(en_fix).len(), names(zh).len() + names(zh_fix).len());
            let all_en: BTreeSet<_> = names(en).union(&names(en_fix)).copied().collect();
            let all_zh: BTreeSet<_> = names(zh).union(&names(zh_fix)).copied().collect();
            // Chinese may leave out an English-only part (`named`), and names a column or
            // sheet by its Chinese name (`local`, `local_zh`); it adds nothing else.
            let extra: Vec<_> = all_zh.difference(&all_en).filter(|n| !n.starts_with("local")).collect();
            assert!(extra.is_empty(), "{key}: {extra:?} only in Chinese");
            assert!(en_names > 0 || zh_names == 0, "{key}");
        }
    }

    #[test]
    fn every_key_used_in_the_sources_is_in_the_catalogue() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut stack = vec![root];
        let mut used = 0;
        while let Some(dir) = stack.pop() {
            for e in std::fs::read_dir(dir).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    let text = std::fs::read_to_string(&p).unwrap();
                    for part in text.split("Text::new(\"").skip(1) {
                        let key = part.split('"').next().unwrap();
                        assert!(entry(key).is_some(), "{}: {key} is not in the catalogue", p.display());
                        used += 1;
                    }
                }
            }
        }
        assert!(used > 40, "{used}");
    }

    #[test]
    fn placeholders_are_filled_in_the_language() {
        let args = [super::super::Arg { name: "col", en: "age".into(), zh: "年龄".into() }];
        assert_eq!(fill("{col} is empty {x}", &args, Lang::En), "age is empty {x}");
        assert_eq!(fill("{col}为空", &args, Lang::Zh), "年龄为空");
    }
}
