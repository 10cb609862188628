import { render } from 'preact';

render(<main>XC Troubleshooter</main>, document.getElementById('app')!);
