import Link from "next/link";
import { EmptyState, linkClass } from "@/components/ui/card";

export default function NotFound() {
  return (
    <EmptyState title="Page not found">
      <p>
        There is nothing at this address. Go to the <Link href="/" className={linkClass}>overview</Link>.
      </p>
    </EmptyState>
  );
}
