import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Homeward", template: "%s · Homeward" },
  description: "Report a child missing from care to law enforcement and NCMEC within 24 hours.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-4 focus:py-2 focus:text-blue-800"
        >
          Skip to main content
        </a>
        {children}
      </body>
    </html>
  );
}
