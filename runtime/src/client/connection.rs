//! The connections of [`HyperClient`](super::HyperClient): opened (TCP,
//! then TLS for `https`), handed to hyper's HTTP/1.1 client, and kept idle
//! per scheme, host and port for the next request.

use std::collections::HashMap;
use std::io;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::Uri;
use http_body_util::Full;
use hyper::client::conn::http1;
use hyper_util::rt::TokioIo;
use rustls::pki_types::ServerName;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;
use tokio_rustls::client::TlsStream;

use super::transport::{TransportError, TransportErrorKind};

/// The sending half of one HTTP/1.1 connection.
pub(super) type Sender = http1::SendRequest<Full<Bytes>>;

/// How long an idle connection is kept (hyper-util's and the AWS SDK's).
const IDLE_TIMEOUT: Duration = Duration::from_secs(90);

/// The most idle connections kept per scheme, host and port.
const MAX_IDLE: usize = 32;

/// Where a connection goes: `https`, host, port.
pub(super) type Destination = (bool, String, u16);

/// Opens connections and keeps the idle ones.
pub(super) struct Connections {
    tls: TlsConnector,
    connect_timeout: Option<Duration>,
    idle: Mutex<HashMap<Destination, Vec<(Sender, Instant)>>>,
}

impl Connections {
    pub(super) fn new(connect_timeout: Option<Duration>) -> Result<Self, TransportError> {
        let roots = rustls::RootCertStore {
            roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
        };
        let config = rustls::ClientConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .map_err(|e| TransportError::new(TransportErrorKind::Other, e))?
        .with_root_certificates(roots)
        .with_no_client_auth();
        Ok(Self {
            tls: TlsConnector::from(Arc::new(config)),
            connect_timeout,
            idle: Mutex::new(HashMap::new()),
        })
    }

    pub(super) fn connect_timeout(&self) -> Option<Duration> {
        self.connect_timeout
    }

    /// The request's destination, and a connection to it: an idle one that
    /// is still open (`true`), else a new one (`false`).
    pub(super) async fn get(
        &self,
        uri: &Uri,
    ) -> Result<(Destination, Sender, bool), TransportError> {
        let destination = destination(uri)?;
        let now = Instant::now();
        loop {
            let idle = {
                let mut pool = self.idle.lock().unwrap_or_else(|e| e.into_inner());
                pool.get_mut(&destination).and_then(Vec::pop)
            };
            let Some((mut sender, since)) = idle else {
                break;
            };
            if now.duration_since(since) < IDLE_TIMEOUT
                && !sender.is_closed()
                && sender.ready().await.is_ok()
            {
                return Ok((destination, sender, true));
            }
        }
        let sender = self.open(&destination).await?;
        Ok((destination, sender, false))
    }

    /// Keeps a connection whose exchange is over for the next request.
    pub(super) fn put_back(&self, destination: Destination, sender: Sender) {
        if sender.is_closed() {
            return;
        }
        let mut pool = self.idle.lock().unwrap_or_else(|e| e.into_inner());
        let idle = pool.entry(destination).or_default();
        if idle.len() < MAX_IDLE {
            idle.push((sender, Instant::now()));
        }
    }

    /// A new connection to `destination`.
    pub(super) async fn open(&self, destination: &Destination) -> Result<Sender, TransportError> {
        let (https, host, port) = destination;
        let connecting = async {
            let tcp = TcpStream::connect((host.as_str(), *port))
                .await
                .map_err(connect_error)?;
            tcp.set_nodelay(true).map_err(connect_error)?;
            if !https {
                return Ok(Stream::Plain(tcp));
            }
            let name = ServerName::try_from(host.clone())
                .map_err(|e| TransportError::new(TransportErrorKind::Connect, e))?;
            let tls = self.tls.connect(name, tcp).await.map_err(connect_error)?;
            Ok(Stream::Tls(Box::new(tls)))
        };
        let stream = match self.connect_timeout {
            None => connecting.await?,
            Some(limit) => tokio::time::timeout(limit, connecting)
                .await
                .map_err(|_| {
                    TransportError::message(
                        TransportErrorKind::Timeout,
                        format!("could not connect to {host}:{port} within {limit:?}"),
                    )
                })??,
        };
        let (sender, connection) = http1::handshake(TokioIo::new(stream))
            .await
            .map_err(|e| TransportError::new(TransportErrorKind::Connect, e))?;
        // The connection runs until the sender and the server are done with it.
        tokio::spawn(async move {
            let _ = connection.await;
        });
        Ok(sender)
    }
}

fn connect_error(error: io::Error) -> TransportError {
    let kind = if error.kind() == io::ErrorKind::TimedOut {
        TransportErrorKind::Timeout
    } else {
        TransportErrorKind::Connect
    };
    TransportError::new(kind, error)
}

/// The scheme, host (without the brackets of an IPv6 literal) and port of
/// an absolute URI.
fn destination(uri: &Uri) -> Result<Destination, TransportError> {
    let https = match uri.scheme_str() {
        Some("https") => true,
        Some("http") => false,
        other => {
            return Err(TransportError::message(
                TransportErrorKind::Other,
                format!("cannot send to the URI scheme {other:?}: only http and https"),
            ));
        }
    };
    let host = uri.host().ok_or_else(|| {
        TransportError::message(
            TransportErrorKind::Other,
            format!("the URI {uri} has no host"),
        )
    })?;
    let host = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_owned();
    let port = uri.port_u16().unwrap_or(if https { 443 } else { 80 });
    Ok((https, host, port))
}

/// A TCP stream, in the clear or under TLS.
enum Stream {
    Plain(TcpStream),
    Tls(Box<TlsStream<TcpStream>>),
}

impl AsyncRead for Stream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_read(cx, buf),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_read(cx, buf),
        }
    }
}

impl AsyncWrite for Stream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_write(cx, buf),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_write(cx, buf),
        }
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_write_vectored(cx, bufs),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_write_vectored(cx, bufs),
        }
    }

    fn is_write_vectored(&self) -> bool {
        match self {
            Stream::Plain(s) => s.is_write_vectored(),
            Stream::Tls(s) => s.is_write_vectored(),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_flush(cx),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_flush(cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_shutdown(cx),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_shutdown(cx),
        }
    }
}
