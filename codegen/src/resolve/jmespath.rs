//! A JMESPath parser, for the paths of waiter acceptors
//! (`smithy.waiters#waitable`). It follows the grammar and binding powers of
//! the JMESPath reference implementation, so that `a[].b[]` and
//! `a[?x == 'y'].b` group as JMESPath groups them; `waitable` then types the
//! tree against the generated structures and says what it cannot compile.

use serde_json::Value;

use crate::ir::Comparison;

/// A parsed expression.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Ast {
    /// `@`, and the implicit right side of a projection.
    Current,
    /// `name` or `"name"`: a member of the current object.
    Field(String),
    /// `left.right`: `right` evaluated on `left`'s value.
    Subexpression(Box<Ast>, Box<Ast>),
    /// `left | right`: like a subexpression, but ends projections.
    Pipe(Box<Ast>, Box<Ast>),
    /// `left[n]`.
    Index(Box<Ast>, i64),
    /// `left[]`: one level of nested lists flattened.
    Flatten(Box<Ast>),
    /// `right` applied to each element of the list `left` (`left[*].right`,
    /// and what follows a flatten), null results dropped.
    Projection(Box<Ast>, Box<Ast>),
    /// `right` applied to each value of the object `left` (`left.*.right`).
    ValueProjection(Box<Ast>, Box<Ast>),
    /// `left[?condition].right`: the projection of the elements for which
    /// `condition` is true.
    Filter {
        /// The list.
        left: Box<Ast>,
        /// Applied to each element kept.
        right: Box<Ast>,
        /// Decides which elements are kept.
        condition: Box<Ast>,
    },
    /// `[a, b]` on the current value.
    MultiList(Vec<Ast>),
    /// `{k: a}` on the current value.
    MultiHash(Vec<(String, Ast)>),
    /// `name(args)`.
    Function(String, Vec<Ast>),
    /// `left op right`.
    Compare(Comparison, Box<Ast>, Box<Ast>),
    /// `left && right`.
    And(Box<Ast>, Box<Ast>),
    /// `left || right`.
    Or(Box<Ast>, Box<Ast>),
    /// `!value`.
    Not(Box<Ast>),
    /// `` `json` `` or `'raw string'`.
    Literal(Value),
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Identifier(String),
    QuotedIdentifier(String),
    Number(i64),
    Literal(Value),
    Dot,
    Star,
    Flatten,
    Filter,
    LBracket,
    RBracket,
    LBrace,
    RBrace,
    LParen,
    RParen,
    Comma,
    Colon,
    Pipe,
    Or,
    And,
    Not,
    Compare(Comparison),
    At,
    Eof,
}

impl Token {
    /// Binding powers of the reference implementation.
    fn binding_power(&self) -> u8 {
        match self {
            Token::Pipe => 1,
            Token::Or => 2,
            Token::And => 3,
            Token::Compare(_) => 5,
            Token::Flatten => 9,
            Token::Star => 20,
            Token::Filter => 21,
            Token::Dot => 40,
            Token::Not => 45,
            Token::LBrace => 50,
            Token::LBracket => 55,
            Token::LParen => 60,
            _ => 0,
        }
    }
}

/// Tokens at or above this binding power continue a projection's right side.
const PROJECTION_STOP: u8 = 10;

/// Parses `text`; the error says what is wrong and where.
pub(super) fn parse(text: &str) -> Result<Ast, String> {
    let tokens = lex(text)?;
    let mut parser = Parser {
        tokens,
        at: 0,
        depth: 0,
    };
    let ast = parser.expression(0)?;
    match parser.peek() {
        Token::Eof => Ok(ast),
        other => Err(format!("unexpected {other:?} after the expression")),
    }
}

fn lex(text: &str) -> Result<Vec<Token>, String> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let next = chars.get(i + 1).copied();
        i += 1;
        let token = match c {
            ' ' | '\t' | '\n' | '\r' => continue,
            '.' => Token::Dot,
            '*' => Token::Star,
            '@' => Token::At,
            ']' => Token::RBracket,
            '{' => Token::LBrace,
            '}' => Token::RBrace,
            '(' => Token::LParen,
            ')' => Token::RParen,
            ',' => Token::Comma,
            ':' => Token::Colon,
            '[' => match next {
                Some(']') => {
                    i += 1;
                    Token::Flatten
                }
                Some('?') => {
                    i += 1;
                    Token::Filter
                }
                _ => Token::LBracket,
            },
            '|' if next == Some('|') => {
                i += 1;
                Token::Or
            }
            '|' => Token::Pipe,
            '&' if next == Some('&') => {
                i += 1;
                Token::And
            }
            '!' if next == Some('=') => {
                i += 1;
                Token::Compare(Comparison::Ne)
            }
            '!' => Token::Not,
            '=' if next == Some('=') => {
                i += 1;
                Token::Compare(Comparison::Eq)
            }
            '<' | '>' => {
                let equal = next == Some('=');
                if equal {
                    i += 1;
                }
                Token::Compare(match (c, equal) {
                    ('<', false) => Comparison::Lt,
                    ('<', true) => Comparison::Le,
                    ('>', false) => Comparison::Gt,
                    _ => Comparison::Ge,
                })
            }
            '\'' | '"' | '`' => {
                let mut raw = String::new();
                loop {
                    match chars.get(i) {
                        None => return Err(format!("unterminated {c}")),
                        Some(&'\\') if chars.get(i + 1) == Some(&c) => {
                            raw.push(c);
                            i += 2;
                        }
                        Some(&d) if d == c => {
                            i += 1;
                            break;
                        }
                        Some(&d) => {
                            raw.push(d);
                            i += 1;
                        }
                    }
                }
                match c {
                    '\'' => Token::Literal(Value::String(raw)),
                    '"' => Token::QuotedIdentifier(
                        serde_json::from_str(&format!("\"{raw}\""))
                            .map_err(|e| format!("bad quoted identifier \"{raw}\": {e}"))?,
                    ),
                    _ => Token::Literal(
                        serde_json::from_str(raw.trim())
                            .map_err(|e| format!("bad JSON literal `{raw}`: {e}"))?,
                    ),
                }
            }
            c if c == '-' || c.is_ascii_digit() => {
                let start = i - 1;
                while chars.get(i).is_some_and(char::is_ascii_digit) {
                    i += 1;
                }
                let digits: String = chars[start..i].iter().collect();
                Token::Number(
                    digits
                        .parse()
                        .map_err(|_| format!("bad number `{digits}`"))?,
                )
            }
            c if c.is_ascii_alphabetic() || c == '_' => {
                let start = i - 1;
                while chars
                    .get(i)
                    .is_some_and(|c| c.is_ascii_alphanumeric() || *c == '_')
                {
                    i += 1;
                }
                Token::Identifier(chars[start..i].iter().collect())
            }
            other => return Err(format!("unexpected character `{other}`")),
        };
        tokens.push(token);
    }
    tokens.push(Token::Eof);
    Ok(tokens)
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
    depth: usize,
}

/// The deepest nesting of expressions parsed (and so compiled and emitted,
/// all recursively): far beyond any waiter's, far below a stack overflow.
const MAX_DEPTH: usize = 64;

impl Parser {
    fn peek(&self) -> &Token {
        self.tokens.get(self.at).unwrap_or(&Token::Eof)
    }

    fn peek_at(&self, ahead: usize) -> &Token {
        self.tokens.get(self.at + ahead).unwrap_or(&Token::Eof)
    }

    fn advance(&mut self) -> Token {
        let token = self.peek().clone();
        self.at += 1;
        token
    }

    fn expect(&mut self, wanted: &Token) -> Result<(), String> {
        match self.advance() {
            ref token if token == wanted => Ok(()),
            other => Err(format!("expected {wanted:?}, found {other:?}")),
        }
    }

    fn expression(&mut self, binding_power: u8) -> Result<Ast, String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(format!("nested deeper than {MAX_DEPTH} levels"));
        }
        let token = self.advance();
        let mut left = self.nud(token)?;
        while binding_power < self.peek().binding_power() {
            let token = self.advance();
            left = self.led(token, left)?;
        }
        self.depth -= 1;
        Ok(left)
    }

    fn nud(&mut self, token: Token) -> Result<Ast, String> {
        Ok(match token {
            Token::Literal(value) => Ast::Literal(value),
            Token::Identifier(name) if self.peek() == &Token::LParen => {
                self.advance();
                Ast::Function(name, self.arguments()?)
            }
            Token::Identifier(name) | Token::QuotedIdentifier(name) => Ast::Field(name),
            Token::At => Ast::Current,
            Token::Star => {
                let right = self.projection_right(Token::Star.binding_power())?;
                Ast::ValueProjection(Box::new(Ast::Current), Box::new(right))
            }
            Token::Filter => self.filter(Ast::Current)?,
            Token::Flatten => {
                let right = self.projection_right(Token::Flatten.binding_power())?;
                Ast::Projection(
                    Box::new(Ast::Flatten(Box::new(Ast::Current))),
                    Box::new(right),
                )
            }
            Token::Not => Ast::Not(Box::new(self.expression(Token::Not.binding_power())?)),
            Token::LParen => {
                let inner = self.expression(0)?;
                self.expect(&Token::RParen)?;
                inner
            }
            Token::LBracket => match self.peek() {
                Token::Number(_) | Token::Colon => self.index(Ast::Current)?,
                Token::Star if self.peek_at(1) == &Token::RBracket => {
                    self.at += 2;
                    let right = self.projection_right(Token::Star.binding_power())?;
                    Ast::Projection(Box::new(Ast::Current), Box::new(right))
                }
                _ => self.multi_list()?,
            },
            Token::LBrace => self.multi_hash()?,
            other => return Err(format!("unexpected {other:?}")),
        })
    }

    fn led(&mut self, token: Token, left: Ast) -> Result<Ast, String> {
        let power = token.binding_power();
        let left = Box::new(left);
        Ok(match token {
            Token::Dot if self.peek() == &Token::Star => {
                self.advance();
                let right = self.projection_right(Token::Star.binding_power())?;
                Ast::ValueProjection(left, Box::new(right))
            }
            Token::Dot => Ast::Subexpression(left, Box::new(self.dot_right(power)?)),
            Token::Pipe => Ast::Pipe(left, Box::new(self.expression(power)?)),
            Token::Or => Ast::Or(left, Box::new(self.expression(power)?)),
            Token::And => Ast::And(left, Box::new(self.expression(power)?)),
            Token::Compare(op) => Ast::Compare(op, left, Box::new(self.expression(power)?)),
            Token::Filter => self.filter(*left)?,
            Token::Flatten => {
                let right = self.projection_right(power)?;
                Ast::Projection(Box::new(Ast::Flatten(left)), Box::new(right))
            }
            Token::LBracket => match self.peek() {
                Token::Number(_) | Token::Colon => self.index(*left)?,
                Token::Star if self.peek_at(1) == &Token::RBracket => {
                    self.at += 2;
                    let right = self.projection_right(Token::Star.binding_power())?;
                    Ast::Projection(left, Box::new(right))
                }
                other => return Err(format!("unexpected {other:?} after `[`")),
            },
            other => return Err(format!("unexpected {other:?}")),
        })
    }

    fn arguments(&mut self) -> Result<Vec<Ast>, String> {
        let mut arguments = Vec::new();
        while self.peek() != &Token::RParen {
            arguments.push(self.expression(0)?);
            if self.peek() == &Token::Comma {
                self.advance();
            }
        }
        self.expect(&Token::RParen)?;
        Ok(arguments)
    }

    fn filter(&mut self, left: Ast) -> Result<Ast, String> {
        let condition = self.expression(0)?;
        self.expect(&Token::RBracket)?;
        let right = self.projection_right(Token::Filter.binding_power())?;
        Ok(Ast::Filter {
            left: Box::new(left),
            right: Box::new(right),
            condition: Box::new(condition),
        })
    }

    fn index(&mut self, left: Ast) -> Result<Ast, String> {
        match (self.advance(), self.advance()) {
            (Token::Number(n), Token::RBracket) => Ok(Ast::Index(Box::new(left), n)),
            _ => Err("slices are not supported".to_owned()),
        }
    }

    fn multi_list(&mut self) -> Result<Ast, String> {
        let mut items = vec![self.expression(0)?];
        while self.peek() == &Token::Comma {
            self.advance();
            items.push(self.expression(0)?);
        }
        self.expect(&Token::RBracket)?;
        Ok(Ast::MultiList(items))
    }

    fn multi_hash(&mut self) -> Result<Ast, String> {
        let mut pairs = Vec::new();
        loop {
            let key = match self.advance() {
                Token::Identifier(key) | Token::QuotedIdentifier(key) => key,
                other => return Err(format!("expected a key, found {other:?}")),
            };
            self.expect(&Token::Colon)?;
            pairs.push((key, self.expression(0)?));
            match self.advance() {
                Token::Comma => {}
                Token::RBrace => return Ok(Ast::MultiHash(pairs)),
                other => return Err(format!("expected `,` or `}}`, found {other:?}")),
            }
        }
    }

    fn projection_right(&mut self, power: u8) -> Result<Ast, String> {
        match self.peek() {
            token if token.binding_power() < PROJECTION_STOP => Ok(Ast::Current),
            Token::LBracket | Token::Filter => self.expression(power),
            Token::Dot => {
                self.advance();
                self.dot_right(power)
            }
            other => Err(format!("unexpected {other:?} after a projection")),
        }
    }

    fn dot_right(&mut self, power: u8) -> Result<Ast, String> {
        match self.peek() {
            Token::Identifier(_) | Token::QuotedIdentifier(_) | Token::Star => {
                self.expression(power)
            }
            Token::LBracket => {
                self.advance();
                self.multi_list()
            }
            Token::LBrace => {
                self.advance();
                self.multi_hash()
            }
            other => Err(format!("unexpected {other:?} after `.`")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(name: &str) -> Box<Ast> {
        Box::new(Ast::Field(name.to_owned()))
    }

    #[test]
    fn flatten_ends_the_projection_before_it() {
        // a[].b[].c == ((a[].b)[]).c
        let inner = Ast::Projection(Box::new(Ast::Flatten(field("a"))), field("b"));
        assert_eq!(
            parse("a[].b[].c"),
            Ok(Ast::Projection(
                Box::new(Ast::Flatten(Box::new(inner))),
                field("c")
            ))
        );
    }

    #[test]
    fn comparisons_bind_looser_than_paths_and_tighter_than_and() {
        let ne = |value: &str| {
            Ast::Compare(
                Comparison::Ne,
                field("status"),
                Box::new(Ast::Literal(Value::String(value.to_owned()))),
            )
        };
        assert_eq!(
            parse("status != 'A' && status != 'B'"),
            Ok(Ast::And(Box::new(ne("A")), Box::new(ne("B"))))
        );
    }

    #[test]
    fn filters_functions_and_multi_lists() {
        let text = "contains(G[].[length(I[?S=='x']) >= M][], `false`)";
        let filter = Ast::Filter {
            left: field("I"),
            right: Box::new(Ast::Current),
            condition: Box::new(Ast::Compare(
                Comparison::Eq,
                field("S"),
                Box::new(Ast::Literal(Value::String("x".into()))),
            )),
        };
        let each = Ast::MultiList(vec![Ast::Compare(
            Comparison::Ge,
            Box::new(Ast::Function("length".into(), vec![filter])),
            field("M"),
        )]);
        let groups = Ast::Projection(Box::new(Ast::Flatten(field("G"))), Box::new(each));
        let flattened = Ast::Projection(
            Box::new(Ast::Flatten(Box::new(groups))),
            Box::new(Ast::Current),
        );
        assert_eq!(
            parse(text),
            Ok(Ast::Function(
                "contains".into(),
                vec![flattened, Ast::Literal(Value::Bool(false))]
            ))
        );
    }

    #[test]
    fn value_projections_and_quoted_names() {
        assert_eq!(
            parse(r#"M.*."Status""#),
            Ok(Ast::ValueProjection(field("M"), field("Status")))
        );
    }

    #[test]
    fn deep_nesting_is_an_error_not_an_overflow() {
        let deep = format!("{}a{}", "(".repeat(10_000), ")".repeat(10_000));
        assert_eq!(parse(&deep), Err("nested deeper than 64 levels".to_owned()));
        assert!(parse(&"!".repeat(10_000)).is_err());
        assert!(parse(&format!("a{}", ".b".repeat(1_000))).is_ok());
    }

    #[test]
    fn any_text_parses_or_fails_without_panicking() {
        let pieces = [
            "a", "\"q\"", ".", "*", "[]", "[?", "[", "]", "{", "}", "(", ")", ",", ":", "|", "||",
            "&&", "!", "==", "<", ">=", "@", "'s'", "`1`", "`", "'", "1", "-", "length(", " ",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..(seed % 12) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(pieces[usize::try_from(seed % pieces.len() as u64).unwrap_or(0)]);
            }
            let _ = parse(&text);
        }
    }

    #[test]
    fn errors_say_what_is_wrong() {
        assert_eq!(parse("a.`1"), Err("unterminated `".to_owned()));
        assert_eq!(parse("a[1:2]"), Err("slices are not supported".to_owned()));
        assert!(parse("a b").is_err_and(|e| e.contains("after the expression")));
        assert!(parse("a ~ b").is_err_and(|e| e.contains('~')));
    }
}
