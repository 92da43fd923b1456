import Link from "next/link";

export default function Forbidden() {
  return (
    <main id="main" className="mx-auto max-w-2xl px-4 py-12">
      <h1 className="text-3xl font-bold">You do not have access to this page</h1>
      <p className="mt-4">Your role does not include this page. If you need it, ask your agency&apos;s Homeward admin.</p>
      <p className="mt-4">
        <Link href="/" className="text-blue-800 underline">
          Go to your home page
        </Link>
      </p>
    </main>
  );
}
