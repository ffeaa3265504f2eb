/**
 * What an explain view shows instead of its picture: why there is none (no model, an error), or, while its
 * first answer is on the way, that it is being computed.
 */
export function ExplainStatus({
  message,
  waiting,
  waitingText,
}: {
  message: string | null;
  /** No answer yet (a later answer keeps the previous picture, so this is the first one only). */
  waiting: boolean;
  waitingText?: string;
}) {
  if (message) {
    return (
      <p className="hint" role="status">
        {message}
      </p>
    );
  }
  return waiting && waitingText ? <p className="hint">{waitingText}</p> : null;
}
