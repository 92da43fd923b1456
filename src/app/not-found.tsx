import Link from "next/link";

export default function NotFound() {
  return (
    <main id="main" className="mx-auto max-w-2xl px-4 py-12">
      <h1 className="text-3xl font-bold">Page not found</h1>
      <p className="mt-4">There is nothing at this address, or you do not have access to it.</p>
      <p className="mt-4">
        <Link href="/" className="text-blue-800 underline">
          Go to your home page
        </Link>
      </p>
    </main>
  );
}
