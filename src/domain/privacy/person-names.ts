/**
 * A cheap test for "a person's name is nearby", used as context for addresses and the credit codes
 * of individual businesses. It looks for a labelled name (`姓名：`, `户主：`, `经营者张三` …) or a
 * common surname followed by one or two characters standing on its own (a table cell, `张三，住…`).
 * It is context only, never a finding, so an occasional false hit costs little.
 */

// The ~400 most common single-character surnames cover well over 95% of the population.
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡阎萧鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由洪';
const COMPOUND_SURNAMES = '欧阳|司马|诸葛|上官|东方|皇甫|尉迟|公孙|慕容|长孙|宇文|司徒|夏侯|令狐|端木|西门|南宫|独孤|万俟|闻人';
const HAN = '\\p{Script=Han}';

const LABELLED_NAME_RE = new RegExp(
  `(?:姓名|户主|经营者|业主|当事人|申请人|被申请人|法定代表人|负责人|户名|持卡人|收款人|领取人|联系人|监护人|举报人|投诉人)[ \\t]*[:：]?[ \\t]*${HAN}{2,4}`,
  'u',
);
const STANDALONE_NAME_RE = new RegExp(
  `(?<!${HAN})(?:${COMPOUND_SURNAMES}|[${SURNAMES}])${HAN}{1,2}(?=[^${HAN}]|$|家住|现住|住|户籍|同志|先生|女士)`,
  'u',
);

/** Whether a person's name appears in `norm` between `from` and `to` (callers keep this window small, within one line). */
export function hasPersonName(norm: string, from: number, to: number): boolean {
  if (to <= from) return false;
  const window = norm.slice(Math.max(0, from), to);
  return LABELLED_NAME_RE.test(window) || STANDALONE_NAME_RE.test(window);
}
