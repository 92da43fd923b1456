export function PrefillNotice({ show }: { show: boolean }) {
  if (!show) return null;
  return (
    <p className="rounded border-l-4 border-blue-800 bg-blue-50 p-3">
      These answers come from this child&apos;s last missing episode. Check each one, change what is different now, then save
      to confirm them.
    </p>
  );
}
