/* conn_guard.h: time limits and a reserve for HTTP connections, on top of libmicrohttpd.
 *
 * libmicrohttpd's own timeout is an idle timeout: every byte restarts it, so a client sending one header line every
 * few seconds holds its connection for ever, and ~1,000 such clients hold every slot (issue 15). The guard tracks
 * each connection's phase and when it began, and a reaper thread ends (shutdown(2)) a connection that stays in one
 * phase longer than its limit, however busily it trickles bytes:
 *   CONN_HEAD   accepted, request head not complete yet          SERVER_HEAD_TIMEOUT
 *   CONN_IDLE   kept alive after a reply, next head not complete  SERVER_KEEPALIVE_TIMEOUT
 *   CONN_BODY   head complete, body still arriving               SERVER_BODY_TIMEOUT
 *   CONN_BUSY   the handler is running                           no limit (our own code)
 *   CONN_REPLY  reply queued, being sent                         SERVER_REPLY_TIMEOUT
 *   CONN_UPLOAD an import's file arriving (session checked)  SERVER_UPLOAD_TIMEOUT (imports, issue 12)
 * Reserve: when more than max - reserve connections are open, each new connection ends the oldest connection that is
 * still waiting for a request head (CONN_HEAD or CONN_IDLE), so a client that sends its request at once is served
 * even while the slots are being filled by slow ones.
 *
 * Thread safety: all functions may be called from any libmicrohttpd worker thread; one mutex guards the table. A
 * connection's socket is shut down only while its slot is registered, and libmicrohttpd closes the socket only after
 * the CLOSED notification (conn_guard_close), which takes the same mutex, so the descriptor is never a reused one. */
#ifndef JW_CONN_GUARD_H
#define JW_CONN_GUARD_H

typedef enum { CONN_HEAD, CONN_IDLE, CONN_BODY, CONN_BUSY, CONN_REPLY, CONN_UPLOAD } ConnPhase;

typedef struct ConnSlot ConnSlot;

/* Sets up the table for maxConnections (libmicrohttpd's limit) and starts the reaper thread; the reserve starts
 * at maxConnections - reserve live connections. 0 ok, -1 (thread not started). */
int conn_guard_start(int maxConnections, int reserve);
/* Stops the reaper thread and frees the table; call after libmicrohttpd has stopped. */
void conn_guard_stop(void);
/* Registers a new connection on socket fd (phase CONN_HEAD); may end the oldest waiting connection to keep the
 * reserve. NULL when the table is full (the caller's connection is then shut down at once). */
ConnSlot *conn_guard_open(int fd);
/* Forgets a connection (libmicrohttpd is about to close its socket). NULL is ignored. */
void conn_guard_close(ConnSlot *slot);
/* Moves a connection to a phase and restarts its clock. NULL is ignored. */
void conn_guard_phase(ConnSlot *slot, ConnPhase phase);

#endif
