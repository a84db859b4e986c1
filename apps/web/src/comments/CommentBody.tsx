import { commentSegments } from '@plenary/schema';

/**
 * A comment body as text: line breaks kept (CSS `pre-wrap`), allowlisted links as anchors that
 * open in a new tab without access to this page, mentions marked. Every piece is a React text
 * node: nothing in a body is ever read as HTML.
 */
export function CommentBody({ body }: { readonly body: string }) {
  return (
    <p className="comment-body">
      {commentSegments(body).map((segment, i) => {
        const key = `${i}:${segment.kind}`;
        if (segment.kind === 'link')
          return (
            <a key={key} href={segment.href} target="_blank" rel="noopener noreferrer nofollow">
              {segment.text}
            </a>
          );
        if (segment.kind === 'mention')
          return (
            <span key={key} className="comment-mention">
              {segment.text}
            </span>
          );
        return <span key={key}>{segment.text}</span>;
      })}
    </p>
  );
}
