/** The web app's shell. The lobby and drafting room mount here. */
export function App() {
  return (
    <main style={{ fontFamily: 'Georgia, serif', maxWidth: '40rem', margin: '4rem auto', lineHeight: 1.5 }}>
      <h1>Plenary</h1>
      <p>Collaborative drafting of norms, rules and principles of responsible behaviour in outer space.</p>
      <p>Open a draft with an invite link from your Chair.</p>
    </main>
  );
}
