//! Revised Romanization of Korean (국어의 로마자 표기법, 2000), as pronounced.
//!
//! Romanization follows pronunciation within a word: 눈물의 → [눈무릐] → "nunmurui",
//! 입력하세요 → [임녀카세요] → "imnyeokaseyo", 같이 → [가치] → "gachi". The rules applied at each
//! syllable boundary are liaison (연음), nasalization (비음화), liquidization (유음화), ㄹ → ㄴ after
//! ㅁ/ㅇ/ㄱ/ㅂ, aspiration with ㅎ (격음화) and palatalization (구개음화). Tensing (된소리) is not
//! written, as RR prescribes. Spaces stop the rules, as in the data's romanized slugs.
//! Characters that are not Hangul syllables pass through unchanged.

const ONSETS: [&str; 19] = [
    "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p",
    "h",
];
const VOWELS: [&str; 21] = [
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we",
    "wi", "yu", "eu", "ui", "i",
];
/// How a final consonant sounds before another consonant or at the end of a word.
const CODAS: [&str; 28] = [
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p",
    "t", "t", "ng", "t", "t", "k", "t", "p", "t",
];

// Onset (initial) indices.
const G: u8 = 0;
const N: u8 = 2;
const D: u8 = 3;
const R: u8 = 5;
const M: u8 = 6;
const B: u8 = 7;
const S: u8 = 9;
const SS: u8 = 10;
const NONE: u8 = 11;
const J: u8 = 12;
const CH: u8 = 14;
const K: u8 = 15;
const T: u8 = 16;
const P: u8 = 17;
const H: u8 = 18;
/// The vowel ㅣ.
const I: u8 = 20;

// Final (coda) indices.
const F_NONE: u8 = 0;
const F_G: u8 = 1;
const F_N: u8 = 4;
const F_NH: u8 = 6;
const F_L: u8 = 8;
const F_LH: u8 = 15;
const F_M: u8 = 16;
const F_B: u8 = 17;
const F_NG: u8 = 21;
const F_H: u8 = 27;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Sound {
    K,
    T,
    P,
    N,
    L,
    M,
    Ng,
    Silent,
}

fn coda_sound(t: u8) -> Sound {
    match t {
        0 => Sound::Silent,
        1 | 2 | 3 | 9 | 24 => Sound::K,
        4..=6 => Sound::N,
        7 | 19 | 20 | 22 | 23 | 25 | 27 => Sound::T,
        8 | 11 | 12 | 13 | 15 => Sound::L,
        10 | 16 => Sound::M,
        14 | 17 | 18 | 26 => Sound::P,
        _ => Sound::Ng,
    }
}

#[derive(Clone, Copy, Debug)]
struct Syllable {
    onset: u8,
    vowel: u8,
    coda: u8,
}

fn decompose(c: char) -> Option<Syllable> {
    let code = u32::from(c);
    if !(0xAC00..=0xD7A3).contains(&code) {
        return None;
    }
    let s = code - 0xAC00;
    // The arithmetic bounds every index below its table's length.
    Some(Syllable {
        onset: (s / (21 * 28)) as u8,
        vowel: ((s / 28) % 21) as u8,
        coda: (s % 28) as u8,
    })
}

/// Final consonant moving onto a following ㅇ: (what stays, what moves as the next onset).
fn liaison(coda: u8) -> (u8, u8) {
    match coda {
        1 => (F_NONE, G),
        2 => (F_NONE, 1),
        3 => (F_G, S),
        4 => (F_NONE, N),
        5 => (F_N, J),
        6 => (F_NONE, N),
        7 => (F_NONE, D),
        8 => (F_NONE, R),
        9 => (F_L, G),
        10 => (F_L, M),
        11 => (F_L, B),
        12 => (F_L, S),
        13 => (F_L, T),
        14 => (F_L, P),
        15 => (F_NONE, R),
        16 => (F_NONE, M),
        17 => (F_NONE, B),
        18 => (F_B, S),
        19 => (F_NONE, S),
        20 => (F_NONE, SS),
        22 => (F_NONE, J),
        23 => (F_NONE, CH),
        24 => (F_NONE, K),
        25 => (F_NONE, T),
        26 => (F_NONE, P),
        27 => (F_NONE, NONE),
        other => (other, NONE), // ㅇ and no final stay put
    }
}

/// Applies the sound changes between syllable `a` and the following syllable `b` of one word.
fn boundary(a: &mut Syllable, b: &mut Syllable) {
    let (t, l) = (a.coda, b.onset);
    if t == F_NONE {
        return;
    }
    if l == NONE {
        let (stay, moved) = liaison(t);
        a.coda = stay;
        b.onset = match (moved, b.vowel) {
            (D, I) => J,
            (T, I) => CH,
            (m, _) => m,
        };
        return;
    }
    // ㅎ-final before a plain stop aspirates it (좋다 → [조타]), before ㅅ tenses it, before ㄴ
    // assimilates (놓는 → [논는], 않는 → [안는], 뚫는 → [뚤른]).
    if matches!(t, F_H | F_NH | F_LH) {
        let rest = match t {
            F_NH => F_N,
            F_LH => F_L,
            _ => F_NONE,
        };
        match l {
            G | D | J => {
                a.coda = rest;
                b.onset = match l {
                    G => K,
                    D => T,
                    _ => CH,
                };
                return;
            }
            S => {
                a.coda = rest;
                b.onset = SS;
                return;
            }
            N => {
                if t == F_LH {
                    a.coda = F_L;
                    b.onset = R;
                } else {
                    a.coda = F_N;
                }
                return;
            }
            _ => {}
        }
    }
    let sound = coda_sound(t);
    if l == H {
        let aspirated = match (t, sound) {
            (9, _) => Some((F_L, K)),  // ㄺ: 밝히다 → [발키다]
            (11, _) => Some((F_L, P)), // ㄼ: 밟히다 → [발피다]
            (5, _) => Some((F_N, CH)), // ㄵ: 앉히다 → [안치다]
            (22, _) => Some((F_NONE, CH)),
            (_, Sound::K) => Some((F_NONE, K)),
            (_, Sound::T) => Some((F_NONE, T)),
            (_, Sound::P) => Some((F_NONE, P)),
            _ => None,
        };
        if let Some((stay, onset)) = aspirated {
            a.coda = stay;
            b.onset = if onset == T && b.vowel == I {
                CH
            } else {
                onset
            };
        }
        return;
    }
    if l == N || l == M {
        match sound {
            Sound::K => a.coda = F_NG,
            Sound::T => a.coda = F_N,
            Sound::P => a.coda = F_M,
            Sound::L if l == N => b.onset = R, // 설날 → [설랄]
            _ => {}
        }
        return;
    }
    if l == R {
        match sound {
            Sound::N => a.coda = F_L, // 신라 → [실라]
            Sound::M | Sound::Ng => b.onset = N,
            Sound::K => {
                a.coda = F_NG;
                b.onset = N;
            }
            Sound::P => {
                a.coda = F_M;
                b.onset = N;
            }
            Sound::T => {
                a.coda = F_N;
                b.onset = N;
            }
            Sound::L | Sound::Silent => {}
        }
    }
}

fn romanize_run(run: &mut [Syllable], out: &mut String) {
    for i in 1..run.len() {
        let (left, right) = run.split_at_mut(i);
        if let (Some(a), Some(b)) = (left.last_mut(), right.first_mut()) {
            boundary(a, b);
        }
    }
    let mut prev_coda_is_l = false;
    for s in run.iter() {
        let onset = if s.onset == R && prev_coda_is_l {
            "l"
        } else {
            ONSETS.get(usize::from(s.onset)).copied().unwrap_or("")
        };
        out.push_str(onset);
        out.push_str(VOWELS.get(usize::from(s.vowel)).copied().unwrap_or(""));
        out.push_str(CODAS.get(usize::from(s.coda)).copied().unwrap_or(""));
        prev_coda_is_l = coda_sound(s.coda) == Sound::L;
    }
}

/// Romanizes the Hangul syllables of `s` (Revised Romanization, as pronounced), lowercase,
/// leaving every other character as it is.
pub fn romanize(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 2);
    let mut run: Vec<Syllable> = Vec::new();
    for c in s.chars() {
        match decompose(c) {
            Some(syl) => run.push(syl),
            None => {
                romanize_run(&mut run, &mut out);
                run.clear();
                // Lone jamo (ㅋㅋ, an unfinished syllable) have no reading of their own.
                if !matches!(c, '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}') {
                    out.push(c);
                }
            }
        }
    }
    romanize_run(&mut run, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::romanize;

    #[track_caller]
    fn rr(hangul: &str, expected: &str) {
        assert_eq!(romanize(hangul), expected, "romanizing {hangul}");
    }

    #[test]
    fn plain_syllables() {
        rr("한국", "hanguk");
        rr("도깨비", "dokkaebi");
        rr("태양의 후예", "taeyangui huye");
        rr("스타트업", "seutateueop");
        rr("호텔 델루나", "hotel delluna");
        rr("미생", "misaeng");
    }

    /// Titles from the catalog, checked by hand against RR and the data's romanized slugs.
    #[test]
    fn catalog_titles() {
        rr("사랑의 불시착", "sarangui bulsichak");
        rr("눈물의 여왕", "nunmurui yeowang"); // liaison ㄹ + 의
        rr("더 킹 영원의 군주", "deo king yeongwonui gunju");
        rr("동백꽃 필 무렵", "dongbaekkkot pil muryeop");
        rr("검색어를 입력하세요 WWW", "geomsaegeoreul imnyeokaseyo WWW"); // ㅂ+ㄹ, ㄱ+ㅎ
        rr("부부의 세계", "bubuui segye");
        rr("사랑했던 날들", "saranghaetdeon naldeul");
        rr("쌍갑포차", "ssanggappocha");
        rr("슬기로운 의사생활", "seulgiroun uisasaenghwal");
        rr(
            "더 많이 사랑한 쪽이 아프대",
            "deo mani saranghan jjogi apeudae",
        ); // ㄶ + 이
        rr("왕이 된 남자", "wangi doen namja");
        rr("낭만닥터 김사부", "nangmandakteo gimsabu"); // ㅇ+ㅁ stays, ㄱ+ㅌ
        rr("백일의 낭군님", "baegirui nanggunnim");
        rr("꽃보다 남자", "kkotboda namja");
        rr("폭싹 속았수다", "pokssak sogatsuda");
        rr("응답하라 1997", "eungdapara 1997"); // ㅂ+ㅎ → p
        rr("별에서 온 그대", "byeoreseo on geudae");
        rr("선덕여왕", "seondeogyeowang");
    }

    #[test]
    fn assimilation_rules() {
        rr("신라", "silla"); // ㄴ+ㄹ
        rr("설날", "seollal"); // ㄹ+ㄴ
        rr("종로", "jongno"); // ㅇ+ㄹ
        rr("국립", "gungnip"); // ㄱ+ㄹ
        rr("같이", "gachi"); // palatalization
        rr("굳이", "guji");
        rr("좋고", "joko"); // ㅎ+ㄱ
        rr("놓는", "nonneun");
        rr("앉아", "anja"); // ㄵ liaison
        rr("없어", "eopseo"); // ㅄ liaison
        rr("닭", "dak");
        rr("밖에", "bakke");
        rr("있어", "isseo");
        rr("좋아", "joa"); // ㅎ drops
        rr("맏형", "matyeong"); // ㄷ+ㅎ
    }

    #[test]
    fn passes_other_text_through() {
        rr("ㅋㅋ 연애", " yeonae");
        rr("10CM", "10CM");
        rr("", "");
    }
}
