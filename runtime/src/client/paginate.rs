//! Paginators: every page of a `smithy.api#paginated` operation, or every
//! item of those pages, one `next().await` at a time.
//!
//! Generated clients make them (`client.list_tables_pages(input)`,
//! `client.list_tables_items(input)`) with the accessors the model's trait
//! names ([`PageTokens`]); the loop lives here ([`Pages`]).

use std::collections::{BTreeMap, VecDeque};

use super::{Client, Error, Response};
use crate::aws_json::Operation;

/// A pagination token: a string, or (DynamoDB's `ExclusiveStartKey`) a map.
pub trait PageToken: Clone + PartialEq {
    /// An empty token ends the pages as an absent one does.
    fn is_empty(&self) -> bool;
}

impl PageToken for String {
    fn is_empty(&self) -> bool {
        str::is_empty(self)
    }
}

impl<K: Clone + Ord, V: Clone + PartialEq> PageToken for BTreeMap<K, V> {
    fn is_empty(&self) -> bool {
        BTreeMap::is_empty(self)
    }
}

/// Where an operation's tokens and page size are, as its
/// `smithy.api#paginated` trait names them (generated code fills this in).
pub struct PageTokens<O: Operation, T> {
    /// The input's token (`inputToken`).
    pub input: fn(&O::Input) -> Option<&T>,
    /// Sets the input's token.
    pub set_input: fn(&mut O::Input, T),
    /// The output's token (`outputToken`, a path through the output).
    pub output: fn(&O::Output) -> Option<&T>,
    /// Sets the input's page size (`pageSize`), when the operation has one.
    pub set_page_size: Option<fn(&mut O::Input, i32)>,
}

impl<O: Operation, T> Clone for PageTokens<O, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<O: Operation, T> Copy for PageTokens<O, T> {}

/// The pages of a paginated operation.
///
/// - the first call sends the input as given (a token or page size set by the
///   caller included);
/// - each page's output token goes into the next call's input token;
/// - the pages end when the output token is absent or empty, or after an
///   error (which is the last thing yielded);
/// - a service that answers with the token it was sent would be asked for
///   the same page forever: the page is yielded, then
///   [`Error::RepeatedToken`], then nothing.
///
/// ```no_run
/// # async fn example<O, T>(mut pages: awsgen_runtime::client::Pages<O, T>)
/// # -> Result<(), awsgen_runtime::client::Error<O::Error>>
/// # where O: awsgen_runtime::aws_json::Operation, O::Input: Sync, T: awsgen_runtime::client::PageToken {
/// while let Some(page) = pages.next().await {
///     let page = page?;
///     // page.output() is one output of the operation
/// #   let _ = page;
/// }
/// # Ok(()) }
/// ```
pub struct Pages<O: Operation, T> {
    client: Client,
    input: O::Input,
    tokens: PageTokens<O, T>,
    state: State<O::Error>,
    pages: u32,
}

enum State<E> {
    /// The next call is to be made.
    More,
    /// The page before carried the token it was sent: this is yielded next.
    Repeated(Box<Error<E>>),
    Done,
}

impl<O: Operation, T: PageToken> Pages<O, T> {
    /// The pages of `O` from `input` on.
    pub fn new(client: Client, input: O::Input, tokens: PageTokens<O, T>) -> Self {
        Pages {
            client,
            input,
            tokens,
            state: State::More,
            pages: 0,
        }
    }

    /// Asks for at most `size` results per page (the operation's
    /// `pageSize` member). Operations without a page size ignore it.
    #[must_use]
    pub fn page_size(mut self, size: i32) -> Self {
        if let Some(set) = self.tokens.set_page_size {
            set(&mut self.input, size);
        }
        self
    }

    /// Every item of every page, in order, taken from each output by `items`
    /// (generated code passes the trait's `items` path).
    pub fn items<I>(self, items: fn(O::Output) -> Vec<I>) -> Items<O, T, I> {
        Items {
            pages: self,
            items,
            buffer: VecDeque::new(),
        }
    }

    /// The pages received so far.
    pub fn pages(&self) -> u32 {
        self.pages
    }

    /// The next page; `None` after the last page or after an error.
    pub async fn next(&mut self) -> Option<Result<Response<O::Output>, Error<O::Error>>>
    where
        O::Input: Sync,
    {
        match std::mem::replace(&mut self.state, State::Done) {
            State::Done => return None,
            State::Repeated(error) => return Some(Err(*error)),
            State::More => {}
        }
        let response = match self.client.call::<O>(&self.input).await {
            Ok(response) => response,
            Err(error) => return Some(Err(error)),
        };
        self.pages += 1;
        if let Some(token) = (self.tokens.output)(response.output()).filter(|t| !t.is_empty()) {
            self.state = if (self.tokens.input)(&self.input) == Some(token) {
                State::Repeated(Box::new(Error::RepeatedToken {
                    operation: O::NAME,
                    pages: self.pages,
                }))
            } else {
                (self.tokens.set_input)(&mut self.input, token.clone());
                State::More
            };
        }
        Some(Ok(response))
    }
}

/// Every item of the pages of a paginated operation, one at a time.
pub struct Items<O: Operation, T, I> {
    pages: Pages<O, T>,
    items: fn(O::Output) -> Vec<I>,
    buffer: VecDeque<I>,
}

impl<O: Operation, T: PageToken, I> Items<O, T, I> {
    /// As [`Pages::page_size`].
    #[must_use]
    pub fn page_size(mut self, size: i32) -> Self {
        self.pages = self.pages.page_size(size);
        self
    }

    /// The next item; `None` after the last item or after an error. Pages
    /// without items are skipped.
    pub async fn next(&mut self) -> Option<Result<I, Error<O::Error>>>
    where
        O::Input: Sync,
    {
        loop {
            if let Some(item) = self.buffer.pop_front() {
                return Some(Ok(item));
            }
            match self.pages.next().await? {
                Ok(page) => self.buffer.extend((self.items)(page.into_output())),
                Err(error) => return Some(Err(error)),
            }
        }
    }

    /// The pages received so far.
    pub fn pages(&self) -> u32 {
        self.pages.pages()
    }
}
