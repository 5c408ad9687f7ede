//! Latin stage names of Korean artists whose credit the catalog only has in Hangul, where the
//! name fans type is not the romanization of the Hangul (아이유 is "IU", not "aiyu"; 레드벨벳 is
//! "Red Velvet", not "redeubelbet"). Indexed as extra artist keys; names whose romanization
//! already works (태연 → taeyeon) need no entry. A moderator-editable alias table can replace
//! this list later.

const STAGE_NAMES: &[(&str, &[&str])] = &[
    ("아이유", &["IU"]),
    ("에일리", &["Ailee"]),
    ("에릭남", &["Eric Nam"]),
    ("멜로망스", &["MeloMance"]),
    ("펀치", &["Punch"]),
    ("백현", &["Baekhyun"]),
    ("바비킴", &["Bobby Kim"]),
    ("효린", &["Hyolyn"]),
    ("린", &["Lyn"]),
    ("다비치", &["Davichi"]),
    ("잔나비", &["Jannabi"]),
    ("카더가든", &["Car, the garden"]),
    ("거미", &["Gummy"]),
    ("넬", &["Nell"]),
    ("벤", &["Ben"]),
    ("케이윌", &["K.Will"]),
    ("틴탑", &["Teen Top"]),
    ("폴킴", &["Paul Kim"]),
    ("뉴진스", &["NewJeans"]),
    ("투모로우바이투게더", &["TOMORROW X TOGETHER", "TXT"]),
    ("더보이즈", &["THE BOYZ"]),
    ("지민", &["Jimin"]),
    ("비비", &["BIBI"]),
    ("웬디", &["Wendy"]),
    ("휘인", &["Whee In"]),
    ("츄", &["Chuu"]),
    ("레드벨벳", &["Red Velvet"]),
    ("헤이즈", &["Heize"]),
    ("첸", &["CHEN"]),
    ("샤이니", &["SHINee"]),
    ("종현", &["Jonghyun"]),
    ("태민", &["Taemin"]),
    ("걸스데이", &["Girl's Day"]),
    ("써니힐", &["Sunny Hill"]),
    ("예성", &["Yesung"]),
    ("존박", &["John Park"]),
    ("보이넥스트도어", &["BOYNEXTDOOR"]),
    ("백예린", &["Yerin Baek"]),
    ("성시경", &["Sung Si Kyung"]),
    ("박효신", &["Park Hyo Shin"]),
    ("김범수", &["Kim Bum Soo"]),
    ("로꼬", &["Loco"]),
    ("허각", &["Huh Gak"]),
    ("어쿠스틱 콜라보", &["Acoustic Collabo"]),
    ("커피소년", &["Coffee Boy"]),
    ("에브리 싱글 데이", &["Every Single Day"]),
    ("클래지콰이", &["Clazziquai"]),
    ("러브홀릭", &["Loveholic"]),
    ("허밍어반스테레오", &["Humming Urban Stereo"]),
    ("투빅", &["2BiC"]),
    ("브로맨스", &["VROMANCE"]),
    ("노라조", &["Norazo"]),
    ("바버렛츠", &["The Barberettes"]),
    ("이적", &["Lee Juck"]),
    ("기리보이", &["Giriboy"]),
    ("김필", &["Kim Feel"]),
    ("윤미래", &["Yoon Mi Rae"]),
    ("장범준", &["Jang Beom June"]),
    ("하현우", &["Ha Hyun Woo"]),
    ("임재범", &["Yim Jae Beom"]),
];

/// The Latin stage names of a Hangul credit, or nothing.
pub fn stage_names(credit: &str) -> &'static [&'static str] {
    let credit = credit.trim();
    STAGE_NAMES
        .iter()
        .find(|(ko, _)| *ko == credit)
        .map(|(_, names)| *names)
        .unwrap_or(&[])
}

#[cfg(test)]
mod tests {
    use super::stage_names;

    #[test]
    fn known_and_unknown_credits() {
        assert_eq!(stage_names("아이유"), &["IU"]);
        assert_eq!(stage_names(" 레드벨벳 "), &["Red Velvet"]);
        assert!(stage_names("태연").is_empty());
    }
}
