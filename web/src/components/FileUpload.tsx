// A button that picks one file and sends it as it is (antd Upload with our own request: the raw
// bytes, the file's type as Content-Type, an Idempotency-Key). The key belongs to the file and
// the scope (e.g. the kind chosen): picking the same file again after a network failure replays
// the same action; any answer from the server ends it. No antd upload list: the caller shows the
// outcome (the server's list, a ProblemAlert).
import { UploadOutlined } from "@ant-design/icons";
import { Button, Upload, type UploadProps } from "antd";
import { type ReactNode, useRef, useState } from "react";
import { ApiError } from "../api/client";
import { newIdempotencyKey } from "./idempotency";

interface Props<T> {
  label: string;
  busyLabel: string;
  /** File picker hint, e.g. ".pdf,application/pdf" (the server checks the bytes regardless). */
  accept: string;
  send: (file: File, key: string) => Promise<T>;
  onStart?: (file: File) => void;
  onDone: (result: T, file: File) => void;
  onError: (error: unknown, file: File) => void;
  /** Part of the idempotency key's identity besides the file (e.g. the document kind). */
  keyScope?: string;
  /** data-testid of the hidden file input; the button gets `${testId}-button`. */
  testId: string;
  /** Id of a hint describing the button (aria-describedby). */
  describedBy?: string;
  icon?: ReactNode;
  primary?: boolean;
}

export function FileUpload<T>({
  label,
  busyLabel,
  accept,
  send,
  onStart,
  onDone,
  onError,
  keyScope = "",
  testId,
  describedBy,
  icon,
  primary = false,
}: Props<T>) {
  const keys = useRef(new Map<string, string>());
  const [busy, setBusy] = useState(false);

  const customRequest: NonNullable<UploadProps["customRequest"]> = ({ file, onSuccess, onError: failed }) => {
    const picked = file as File;
    const identity = [keyScope, picked.name, picked.size, picked.lastModified].join("\u0000");
    const key = keys.current.get(identity) ?? newIdempotencyKey();
    keys.current.set(identity, key);
    setBusy(true);
    onStart?.(picked);
    send(picked, key)
      .then(
        (result) => {
          keys.current.delete(identity);
          onSuccess?.(result);
          onDone(result, picked);
        },
        (error: unknown) => {
          // Keep the key only when no answer came back: the retry may be the same action.
          if (!(error instanceof ApiError && error.status === 0)) keys.current.delete(identity);
          failed?.(error instanceof Error ? error : new Error(String(error)));
          onError(error, picked);
        },
      )
      .finally(() => setBusy(false));
  };

  return (
    <Upload
      accept={accept}
      customRequest={customRequest}
      showUploadList={false}
      multiple={false}
      disabled={busy}
      data-testid={testId}
    >
      <Button
        type={primary ? "primary" : "default"}
        icon={icon ?? <UploadOutlined aria-hidden />}
        loading={busy}
        aria-describedby={describedBy}
        data-testid={`${testId}-button`}
      >
        {busy ? busyLabel : label}
      </Button>
    </Upload>
  );
}
